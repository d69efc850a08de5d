using System.Buffers.Binary;
using Rampart.Catalogers.Rpm;
using Rampart.Catalogers.Tests.Support;
using Commands = Rampart.Testing.Commands;
using TempDirectory = Rampart.Testing.TempDirectory;

namespace Rampart.Catalogers.Tests.Rpm;

public sealed class RpmBerkeleyDatabaseTests
{
    private readonly List<string> _warnings = [];

    public static TheoryData<string> RealDatabases() =>
        ["rpm/centos7/var/lib/rpm/Packages", "rpm/bdb/Packages.be-512", "rpm/bdb/Packages.le-16384"];

    [Theory]
    [MemberData(nameof(RealDatabases))]
    public void Every_header_of_a_real_database_is_read_whatever_its_byte_order_and_page_layout(string database)
    {
        var sqlite = RpmSqliteDatabase.ReadBlobs(Bytes("rpm/rhel9/var/lib/rpm/rpmdb.sqlite"), null, _warnings.Add);

        var blobs = RpmBerkeleyDatabase.ReadBlobs(Bytes(database), _warnings.Add);

        Assert.Equal(sqlite.Select(Convert.ToHexString).Order(), blobs.Select(Convert.ToHexString).Order());
        Assert.Empty(_warnings);
    }

    [SkippableTheory]
    [MemberData(nameof(RealDatabases))]
    public async Task The_packages_are_those_rpm_itself_lists_from_the_database(string database)
    {
        Tools.Require("rpm", "rpm");
        using var directory = new TempDirectory();
        File.Copy(TestImage.TestData(database), directory.Combine("Packages"));
        var oracle = await Commands.RunAsync(
            "rpm", ["--define", "_db_backend bdb_ro", "--dbpath", directory.Path, "-qa", "--qf", "%{NAME} %{EPOCHNUM} %{VERSION} %{RELEASE} %{ARCH}\\n"]);

        var entries = RpmBerkeleyDatabase.ReadBlobs(Bytes(database), _warnings.Add)
            .Select(b => RpmEntry.FromHeader(RpmHeader.Parse(b, _warnings.Add)!, _warnings.Add)!)
            .Select(e => $"{e.Name} {e.Epoch ?? 0} {e.Version} {e.Release} {e.Architecture}");

        Assert.Equal(oracle.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(), entries.Order());
        Assert.Empty(_warnings);
    }

    [Fact]
    public void Both_byte_orders_are_recognised_by_the_magic()
    {
        Assert.True(RpmBerkeleyDatabase.IsHashDatabase(Bytes("rpm/centos7/var/lib/rpm/Packages")));
        Assert.True(RpmBerkeleyDatabase.IsHashDatabase(Bytes("rpm/bdb/Packages.be-512")));
        Assert.False(RpmBerkeleyDatabase.IsHashDatabase(Bytes("rpm/rhel9/var/lib/rpm/rpmdb.sqlite")));
    }

    [Fact]
    public void A_bucket_chain_that_leads_back_to_itself_is_cut_and_the_rest_is_read()
    {
        var database = Bytes("rpm/centos7/var/lib/rpm/Packages");
        BinaryPrimitives.WriteUInt32LittleEndian(database.AsSpan(PageOffset(database, 1) + 16), 1);

        Assert.Equal(3, RpmBerkeleyDatabase.ReadBlobs(database, _warnings.Add).Count);
        Assert.Equal("bucket 0 leads back to page 1; the rest of its chain is skipped", Assert.Single(_warnings));
    }

    [Fact]
    public void An_overflow_chain_that_loops_skips_its_item_only()
    {
        var database = Bytes("rpm/bdb/Packages.be-512");
        BinaryPrimitives.WriteUInt32BigEndian(database.AsSpan(PageOffset(database, 4) + 16), 3);

        Assert.Equal(2, RpmBerkeleyDatabase.ReadBlobs(database, _warnings.Add).Count);
        Assert.Equal("the overflow chain through page 3 loops; the item is skipped", Assert.Single(_warnings));
    }

    [Fact]
    public void A_page_number_past_the_last_page_skips_its_item_only()
    {
        var database = Bytes("rpm/centos7/var/lib/rpm/Packages");
        var page = PageOffset(database, 1);
        var value = BinaryPrimitives.ReadUInt16LittleEndian(database.AsSpan(page + 28));
        BinaryPrimitives.WriteUInt32LittleEndian(database.AsSpan(page + value + 4), 9999);

        Assert.Equal(2, RpmBerkeleyDatabase.ReadBlobs(database, _warnings.Add).Count);
        Assert.StartsWith("page number 9999 is not a page of the database", Assert.Single(_warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void A_page_that_is_not_the_one_expected_there_is_skipped()
    {
        var database = Bytes("rpm/centos7/var/lib/rpm/Packages");
        BinaryPrimitives.WriteUInt32LittleEndian(database.AsSpan(PageOffset(database, 3) + 8), 5);

        Assert.Equal(2, RpmBerkeleyDatabase.ReadBlobs(database, _warnings.Add).Count);
        Assert.Equal("page 3 is not the page expected there (it says page 5, type 7); skipped", Assert.Single(_warnings));
    }

    [Fact]
    public void A_truncated_database_gives_what_its_pages_hold_and_says_so()
    {
        var database = Bytes("rpm/bdb/Packages.be-512").AsSpan(0, 512 * 8).ToArray();

        Assert.Single(RpmBerkeleyDatabase.ReadBlobs(database, _warnings.Add));
        Assert.Contains(_warnings, w => w.Contains("(truncated?)", StringComparison.Ordinal));
    }

    [Fact]
    public void A_database_of_another_kind_or_page_size_is_refused()
    {
        var database = Bytes("rpm/centos7/var/lib/rpm/Packages");
        BinaryPrimitives.WriteUInt32LittleEndian(database.AsSpan(20), 1000);

        Assert.Empty(RpmBerkeleyDatabase.ReadBlobs(database, _warnings.Add));
        Assert.StartsWith("a Berkeley DB hash database this reader does not know", Assert.Single(_warnings), StringComparison.Ordinal);
        Assert.Empty(RpmBerkeleyDatabase.ReadBlobs(new byte[100], _warnings.Add));
    }

    [Theory]
    [InlineData("rpm/bdb/Packages.be-512")]
    [InlineData("rpm/bdb/Packages.le-16384")]
    public void No_single_damaged_byte_of_the_metadata_or_hash_pages_makes_the_reader_throw_or_loop(string file)
    {
        var original = Bytes(file);
        var pageSize = file.EndsWith("512", StringComparison.Ordinal) ? 512 : 16384;
        var damaged = new byte[original.Length];
        for (var i = 0; i < 3 * pageSize; i += pageSize == 512 ? 1 : 7)
        {
            foreach (var value in new byte[] { 0x00, 0xFF, (byte)(original[i] + 1) })
            {
                original.CopyTo(damaged, 0);
                damaged[i] = value;
                RpmBerkeleyDatabase.ReadBlobs(damaged, _ => { });
            }
        }
    }

    private static byte[] Bytes(string relative) => File.ReadAllBytes(TestImage.TestData(relative));

    private static int PageOffset(byte[] database, int page) =>
        page * (int)(BinaryPrimitives.ReadUInt32BigEndian(database.AsSpan(12)) == 0x00061561
            ? BinaryPrimitives.ReadUInt32BigEndian(database.AsSpan(20))
            : BinaryPrimitives.ReadUInt32LittleEndian(database.AsSpan(20)));
}
