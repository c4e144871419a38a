using Orca.Api.Apps;
using Orca.Controllers.Framework;

namespace Orca.Controllers.Tests.Framework;

public sealed class OwnWritesTests
{
    [Fact]
    public void The_written_object_stands_in_only_while_the_cache_holds_the_version_it_replaced()
    {
        var writes = new OwnWrites<ReplicaSet>();
        var v1 = Rs("uid-1", "10");
        var v2 = Rs("uid-1", "11");
        writes.Remember("default/web", "10", v2);

        Assert.Same(v2, writes.Latest("default/web", v1));
        Assert.Same(v2, writes.Latest("default/web", v1));

        var v3 = Rs("uid-1", "12");
        Assert.Same(v3, writes.Latest("default/web", v3));
        // Forgotten once the cache moved on: a later stale read is not replaced any more.
        Assert.Same(v1, writes.Latest("default/web", v1));
    }

    [Fact]
    public void A_new_object_of_the_same_name_or_a_deleted_one_is_never_replaced()
    {
        var writes = new OwnWrites<ReplicaSet>();
        writes.Remember("default/web", "10", Rs("uid-1", "11"));
        var recreated = Rs("uid-2", "10");
        Assert.Same(recreated, writes.Latest("default/web", recreated));

        writes.Remember("default/web", "10", Rs("uid-1", "11"));
        Assert.Null(writes.Latest("default/web", null));
        Assert.Same(recreated, writes.Latest("default/web", recreated));
    }

    private static ReplicaSet Rs(string uid, string version) => new()
    {
        Metadata = new() { Name = "web", Namespace = "default", Uid = uid, ResourceVersion = version },
    };
}
