using Orca.Api;

namespace Orca.ApiServer.Registry;

/// <summary>
/// Serves a resource whose objects are stored as another version's type (events.k8s.io/v1 Events
/// are core/v1 Events in storage, as in Kubernetes). Both directions return new objects and keep
/// metadata; what one version cannot express is dropped, as Kubernetes' conversion does.
/// </summary>
internal interface IStorageConverter
{
    Type StorageType { get; }
    string StorageApiVersion { get; }
    string StorageKind { get; }
    IKubeObject ToStorage(IKubeObject obj);
    IKubeObject FromStorage(IKubeObject stored);
}
