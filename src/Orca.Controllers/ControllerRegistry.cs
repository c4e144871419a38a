namespace Orca.Controllers;

/// <summary>Every controller the manager knows, in the order they start. Registered explicitly, one line each.</summary>
internal static class ControllerRegistry
{
    public static IReadOnlyList<ControllerDescriptor> All { get; } =
    [
        StatefulSet.StatefulSetController.Descriptor,
        Storage.VolumeBinder.Descriptor,
        Storage.LocalPathProvisioner.Descriptor,
    ];
}
