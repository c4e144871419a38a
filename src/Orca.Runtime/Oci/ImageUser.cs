namespace Orca.Runtime.Oci;

/// <summary>
/// Resolves the process user: RunAsUser/RunAsGroup win; otherwise the image's User ("uid",
/// "uid:gid", "name" or "name:group"), names looked up in the rootfs's /etc/passwd and /etc/group.
/// </summary>
internal static class ImageUser
{
    public static OciUser Resolve(ContainerSecurity security, string imageUser, string rootfs)
    {
        uint uid = 0, gid = 0;
        if (imageUser.Length > 0)
        {
            var parts = imageUser.Split(':', 2);
            uid = LookupId(parts[0], Path.Combine(rootfs, "etc/passwd"), out var primaryGid);
            gid = parts.Length == 2 ? LookupId(parts[1], Path.Combine(rootfs, "etc/group"), out _) : primaryGid ?? 0;
        }
        if (security.RunAsUser is { } runAsUser)
        {
            uid = (uint)runAsUser;
            if (security.RunAsGroup is null && imageUser.Length == 0)
                gid = PrimaryGroupOf(uid, Path.Combine(rootfs, "etc/passwd")) ?? 0;
        }
        if (security.RunAsGroup is { } runAsGroup)
            gid = (uint)runAsGroup;
        var extra = security.SupplementalGroups.Select(g => (uint)g).ToList();
        return new OciUser(uid, gid, extra.Count > 0 ? extra : null);
    }

    private static uint LookupId(string nameOrId, string file, out uint? primaryGid)
    {
        primaryGid = null;
        if (uint.TryParse(nameOrId, out var id))
        {
            primaryGid = PrimaryGroupOf(id, file);
            return id;
        }
        foreach (var fields in Entries(file))
            if (fields[0] == nameOrId && fields.Length > 2 && uint.TryParse(fields[2], out var found))
            {
                if (fields.Length > 3 && uint.TryParse(fields[3], out var group))
                    primaryGid = group;
                return found;
            }
        throw new ArgumentException($"user or group '{nameOrId}' not found in the image's {Path.GetFileName(file)}");
    }

    private static uint? PrimaryGroupOf(uint uid, string passwd)
    {
        if (Path.GetFileName(passwd) != "passwd")
            return null;
        foreach (var fields in Entries(passwd))
            if (fields.Length > 3 && fields[2] == uid.ToString(System.Globalization.CultureInfo.InvariantCulture) && uint.TryParse(fields[3], out var gid))
                return gid;
        return null;
    }

    private static IEnumerable<string[]> Entries(string file) =>
        File.Exists(file) ? File.ReadLines(file).Where(l => l.Length > 0 && l[0] != '#').Select(l => l.Split(':')) : [];
}
