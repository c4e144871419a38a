using Orca.Api;
using Orca.Api.Validation;

namespace Orca.ApiServer.Registry;

/// <summary>
/// What differs per resource in create/update/delete: defaults, validation, which parts an
/// update may change, field-selector fields and graceful deletion. The generic
/// <see cref="ResourceStore"/> calls these in Kubernetes' order: PrepareForCreate → Default →
/// Validate (create); PrepareForUpdate → Default → ValidateUpdate (update). Implementations are
/// stateless and thread-safe; they may mutate the object they are given (never the old one).
/// </summary>
internal interface IResourceStrategy
{
    /// <summary>Clears what a client may not set on create (e.g. status of most resources).</summary>
    void PrepareForCreate(IKubeObject obj);

    /// <summary>Fills defaulted fields, as Kubernetes' defaulting functions do.</summary>
    void Default(IKubeObject obj);

    /// <summary>Field errors of a new object (object metadata is validated by the store).</summary>
    IReadOnlyList<FieldError> Validate(IKubeObject obj);

    /// <summary>Keeps what this endpoint may not change (e.g. status on the main resource).</summary>
    void PrepareForUpdate(IKubeObject obj, IKubeObject old);

    /// <summary>Field errors of an update (immutable fields, transitions).</summary>
    IReadOnlyList<FieldError> ValidateUpdate(IKubeObject obj, IKubeObject old);

    /// <summary>Whether PUT of a missing object creates it.</summary>
    bool AllowCreateOnUpdate { get; }

    /// <summary>Field-selector fields beyond metadata.name / metadata.namespace (others get 400).</summary>
    IReadOnlyCollection<string> SelectableFields { get; }

    /// <summary>Field-selector values of an object beyond metadata.name / metadata.namespace.</summary>
    void AddFields(IKubeObject obj, IDictionary<string, string> fields);

    /// <summary>
    /// The grace period to apply on delete, or null to delete at once. <paramref name="requested"/>
    /// is the client's gracePeriodSeconds, if any.
    /// </summary>
    long? GracePeriod(IKubeObject obj, long? requested);

    /// <summary>
    /// Called on DELETE before anything is stored: returns true when the object must stay, marked as
    /// being deleted, until its owner finishes (a namespace empties itself first). May change the object.
    /// </summary>
    bool KeepOnDelete(IKubeObject obj);

    /// <summary>Whether an object marked for deletion whose metadata finalizers are gone may be removed now.</summary>
    bool ReadyToRemove(IKubeObject obj);

    /// <summary>Whether a spec change (which bumps metadata.generation) happened.</summary>
    bool SpecChanged(IKubeObject obj, IKubeObject old);
}
