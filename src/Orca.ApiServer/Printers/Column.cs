using Orca.Api.Meta;

namespace Orca.ApiServer.Printers;

/// <summary>Builders for the column definitions the printers share.</summary>
internal static class Column
{
    public static TableColumnDefinition Name(int priority = 0) =>
        new("Name", "string", "name", "Name of the object, unique within its namespace.", priority);

    public static TableColumnDefinition Age() =>
        new("Age", "string", "", "Time since the object was created.", 0);

    public static TableColumnDefinition Text(string name, string description, int priority = 0) =>
        new(name, "string", "", description, priority);

    public static TableColumnDefinition Integer(string name, string description, int priority = 0) =>
        new(name, "integer", "", description, priority);

    public static TableColumnDefinition Boolean(string name, string description, int priority = 0) =>
        new(name, "boolean", "", description, priority);

    /// <summary>The wide "Containers" and "Images" columns of workload templates.</summary>
    public static TableColumnDefinition[] ContainersAndImages() =>
    [
        Text("Containers", "Names of each container in the template.", 1),
        Text("Images", "Images referenced by each container in the template.", 1),
    ];
}
