using Rampart.Catalogers.Rpm;
using Rampart.Catalogers.Tests.Support;

namespace Rampart.Catalogers.Tests.Rpm;

public sealed class RpmSqliteDatabaseTests
{
    private readonly List<string> _warnings = [];

    private static byte[] RealDatabase() => File.ReadAllBytes(TestImage.TestData("rpm/rhel9/var/lib/rpm/rpmdb.sqlite"));

    [Fact]
    public void A_real_rpm_database_gives_one_header_blob_per_package()
    {
        var blobs = RpmSqliteDatabase.ReadBlobs(RealDatabase(), null, _warnings.Add);

        var names = blobs.Select(b => RpmHeader.Parse(b, _warnings.Add)?.Text(RpmTags.Name)).Order(StringComparer.Ordinal);
        Assert.Equal(["base-rampart", "hello-rampart", "lib-rampart"], names);
        Assert.Empty(_warnings);
    }

    [Fact]
    public void The_real_database_is_recognised_by_its_magic()
    {
        Assert.True(RpmSqliteDatabase.IsSqlite(RealDatabase()));
        Assert.False(RpmSqliteDatabase.IsSqlite("not sqlite"u8));
    }

    [Fact]
    public void Garbage_gives_no_blobs_and_a_warning_and_leaves_no_temporary_folder()
    {
        // A root of its own: counting folders in the shared temporary folder raced with other tests reading rpm databases.
        var root = Directory.CreateTempSubdirectory("rampart-rpmdb-test-");
        var garbage = "SQLite format 3\0"u8.ToArray().Concat(Enumerable.Repeat((byte)0xAB, 4096)).ToArray();

        try
        {
            Assert.Empty(RpmSqliteDatabase.ReadBlobs(garbage, null, _warnings.Add, root.FullName));
            Assert.Single(_warnings);
            Assert.Empty(root.EnumerateFileSystemInfos());
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_database_without_a_packages_table_is_reported()
    {
        var empty = File.ReadAllBytes(TestImage.TestData("rpm/rhel9/var/lib/rpm/rpmdb.sqlite"));
        var broken = empty.ToArray();
        Array.Clear(broken, 100, broken.Length - 100);

        Assert.Empty(RpmSqliteDatabase.ReadBlobs(broken, null, _warnings.Add));
        Assert.NotEmpty(_warnings);
    }
}
