namespace Orca.Api.Storage;

/// <summary>Annotation keys and values of Kubernetes' volume binding, and Orca's local-path provisioner.</summary>
public static class StorageNames
{
    /// <summary>The provisioner name of Orca's built-in node-local storage (StorageClass `local-path`).</summary>
    public const string LocalPathProvisioner = "orca.dev/local-path";

    /// <summary>The built-in StorageClass, created at server start and marked default.</summary>
    public const string LocalPathClass = "local-path";

    /// <summary>
    /// Node annotation the agent publishes: the directory under its data dir where local-path volumes of that
    /// node live (`&lt;data dir&gt;/local-path`). The provisioner makes each volume a subdirectory of it.
    /// </summary>
    public const string NodeLocalPathRoot = "orca.dev/local-path-root";

    public const string SelectedNode = "volume.kubernetes.io/selected-node";
    public const string StorageProvisioner = "volume.kubernetes.io/storage-provisioner";
    public const string BetaStorageProvisioner = "volume.beta.kubernetes.io/storage-provisioner";
    public const string BindCompleted = "pv.kubernetes.io/bind-completed";
    public const string BoundByController = "pv.kubernetes.io/bound-by-controller";
    public const string ProvisionedBy = "pv.kubernetes.io/provisioned-by";
    public const string DefaultClass = "storageclass.kubernetes.io/is-default-class";
    public const string BetaDefaultClass = "storageclass.beta.kubernetes.io/is-default-class";
    public const string HostnameLabel = "kubernetes.io/hostname";
}
