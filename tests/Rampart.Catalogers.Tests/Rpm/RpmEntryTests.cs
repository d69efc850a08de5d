using Rampart.Catalogers.Rpm;
using Rampart.Catalogers.Tests.Support;

namespace Rampart.Catalogers.Tests.Rpm;

public sealed class RpmEntryTests
{
    private readonly List<string> _warnings = [];

    private RpmEntry? Read(RpmHeaderBlob blob) => RpmEntry.FromHeader(RpmHeader.Parse(blob.ToArray(), _warnings.Add)!, _warnings.Add);

    [Fact]
    public void Files_join_directory_names_and_base_names_through_the_indexes()
    {
        var entry = Read(new RpmHeaderBlob()
            .Text(RpmTags.Name, "a")
            .Text(RpmTags.Version, "1")
            .Texts(RpmTags.DirNames, "/usr/bin/", "/etc/")
            .Texts(RpmTags.BaseNames, "a", "a.conf", "b")
            .Numbers(RpmTags.DirIndexes, 0, 1, 0));

        Assert.Equal(["/usr/bin/a", "/etc/a.conf", "/usr/bin/b"], entry?.Files);
    }

    [Fact]
    public void Old_headers_list_whole_file_names()
    {
        var entry = Read(new RpmHeaderBlob().Text(RpmTags.Name, "a").Text(RpmTags.Version, "1").Texts(RpmTags.OldFileNames, "/bin/a"));

        Assert.Equal(["/bin/a"], entry?.Files);
    }

    [Fact]
    public void A_file_whose_directory_index_is_out_of_range_is_skipped_with_a_warning()
    {
        var entry = Read(new RpmHeaderBlob()
            .Text(RpmTags.Name, "a")
            .Text(RpmTags.Version, "1")
            .Texts(RpmTags.DirNames, "/usr/bin/")
            .Texts(RpmTags.BaseNames, "a", "b")
            .Numbers(RpmTags.DirIndexes, 0, 7));

        Assert.Equal(["/usr/bin/a"], entry?.Files);
        Assert.Single(_warnings);
    }

    [Fact]
    public void A_header_without_a_name_is_no_package()
    {
        Assert.Null(Read(new RpmHeaderBlob().Text(RpmTags.Version, "1")));
        Assert.Single(_warnings);
    }

    [Fact]
    public void An_absent_epoch_is_null_and_a_zero_epoch_is_zero()
    {
        Assert.Null(Read(new RpmHeaderBlob().Text(RpmTags.Name, "a").Text(RpmTags.Version, "1"))?.Epoch);
        Assert.Equal(0, Read(new RpmHeaderBlob().Text(RpmTags.Name, "a").Text(RpmTags.Version, "1").Numbers(RpmTags.Epoch, 0))?.Epoch);
    }
}
