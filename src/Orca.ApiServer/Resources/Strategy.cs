using System.Reflection;
using Orca.Api;
using Orca.Api.Validation;
using Orca.ApiServer.Registry;

namespace Orca.ApiServer.Resources;

/// <summary>
/// A typed base for strategies: every member has the plain Kubernetes default (nothing to
/// default, nothing to validate, deleted at once) and a resource overrides what differs.
/// </summary>
internal abstract class Strategy<T> : IResourceStrategy where T : class, IKubeObject
{
    protected static readonly IReadOnlyList<FieldError> NoErrors = [];

    public virtual bool AllowCreateOnUpdate => false;
    public virtual IReadOnlyCollection<string> SelectableFields => [];

    public virtual void PrepareForCreate(T obj) { }
    public virtual void Default(T obj) { }
    public virtual IReadOnlyList<FieldError> Validate(T obj) => NoErrors;
    public virtual void PrepareForUpdate(T obj, T old) { }
    public virtual IReadOnlyList<FieldError> ValidateUpdate(T obj, T old) => Validate(obj);
    public virtual void AddFields(T obj, IDictionary<string, string> fields) { }
    public virtual long? GracePeriod(T obj, long? requested) => null;
    public virtual bool KeepOnDelete(T obj) => false;
    public virtual bool ReadyToRemove(T obj) => true;

    private static readonly PropertyInfo? SpecProperty = typeof(T).GetProperty("Spec");

    /// <summary>
    /// By default: the spec's JSON changed, compared as JSON trees (map key order does not count). Kinds
    /// without a spec never bump the generation.
    /// </summary>
    public virtual bool SpecChanged(T obj, T old) => HasSpec && JsonTrees.Differ(SpecProperty!.GetValue(obj), SpecProperty.GetValue(old), SpecProperty.PropertyType);

    protected virtual bool HasSpec => SpecProperty is not null;

    void IResourceStrategy.PrepareForCreate(IKubeObject obj) => PrepareForCreate((T)obj);
    void IResourceStrategy.Default(IKubeObject obj) => Default((T)obj);
    IReadOnlyList<FieldError> IResourceStrategy.Validate(IKubeObject obj) => Validate((T)obj);
    void IResourceStrategy.PrepareForUpdate(IKubeObject obj, IKubeObject old) => PrepareForUpdate((T)obj, (T)old);
    IReadOnlyList<FieldError> IResourceStrategy.ValidateUpdate(IKubeObject obj, IKubeObject old) => ValidateUpdate((T)obj, (T)old);
    void IResourceStrategy.AddFields(IKubeObject obj, IDictionary<string, string> fields) => AddFields((T)obj, fields);
    long? IResourceStrategy.GracePeriod(IKubeObject obj, long? requested) => GracePeriod((T)obj, requested);
    bool IResourceStrategy.SpecChanged(IKubeObject obj, IKubeObject old) => SpecChanged((T)obj, (T)old);
    bool IResourceStrategy.KeepOnDelete(IKubeObject obj) => KeepOnDelete((T)obj);
    bool IResourceStrategy.ReadyToRemove(IKubeObject obj) => ReadyToRemove((T)obj);
}

/// <summary>
/// The strategy of a /status subresource: only status changes; spec and the rest come from the
/// stored object (Kubernetes' statusStrategy). The main resource's strategy keeps status instead.
/// </summary>
internal sealed class StatusStrategy<T>(Strategy<T> main, Action<T, T> keepAllButStatus) : Strategy<T> where T : class, IKubeObject
{
    public override void PrepareForUpdate(T obj, T old) => keepAllButStatus(obj, old);
    public override IReadOnlyList<FieldError> ValidateUpdate(T obj, T old) => NoErrors;
    public override bool SpecChanged(T obj, T old) => false;
    public override IReadOnlyCollection<string> SelectableFields => main.SelectableFields;
}
