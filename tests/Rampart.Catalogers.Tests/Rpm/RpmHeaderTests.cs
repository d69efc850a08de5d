using Rampart.Catalogers.Rpm;
using Rampart.Catalogers.Tests.Support;

namespace Rampart.Catalogers.Tests.Rpm;

public sealed class RpmHeaderTests
{
    private readonly List<string> _warnings = [];

    [Fact]
    public void Strings_string_arrays_and_int32_values_are_read()
    {
        var blob = new RpmHeaderBlob()
            .Text(RpmTags.Name, "bash")
            .Numbers(RpmTags.Epoch, 1)
            .Texts(RpmTags.RequireName, "libc.so.6", "/bin/sh")
            .ToArray();

        var header = RpmHeader.Parse(blob, _warnings.Add);

        Assert.NotNull(header);
        Assert.Equal("bash", header.Text(RpmTags.Name));
        Assert.Equal(1, header.Number(RpmTags.Epoch));
        Assert.Equal(["libc.so.6", "/bin/sh"], header.Texts(RpmTags.RequireName));
        Assert.Empty(_warnings);
    }

    [Fact]
    public void An_i18n_string_gives_its_first_locale()
    {
        var header = RpmHeader.Parse(new RpmHeaderBlob().I18N(RpmTags.Summary, "The GNU shell", "La coquille").ToArray(), _warnings.Add);

        Assert.Equal("The GNU shell", header?.Text(RpmTags.Summary));
    }

    [Fact]
    public void A_missing_tag_or_a_tag_of_another_type_reads_as_nothing()
    {
        var header = RpmHeader.Parse(new RpmHeaderBlob().Text(RpmTags.Name, "x").ToArray(), _warnings.Add);

        Assert.Null(header?.Number(RpmTags.Epoch));
        Assert.Null(header?.Number(RpmTags.Name));
        Assert.Empty(header!.Texts(RpmTags.BaseNames));
    }

    [Fact]
    public void A_later_entry_of_the_same_tag_replaces_the_earlier_as_after_a_region()
    {
        var header = RpmHeader.Parse(new RpmHeaderBlob().Text(RpmTags.Release, "1").Text(RpmTags.Release, "2").ToArray(), _warnings.Add);

        Assert.Equal("2", header?.Text(RpmTags.Release));
    }

    [Fact]
    public void Region_tags_are_passed_over()
    {
        var header = RpmHeader.Parse(new RpmHeaderBlob().Raw(63, 7, 0, 16).Text(RpmTags.Name, "x").ToArray(), _warnings.Add);

        Assert.Equal("x", header?.Text(RpmTags.Name));
        Assert.Empty(_warnings);
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 0, 0, 0, 1 })]
    [InlineData(new byte[] { 0, 0, 0, 5, 0, 0, 0, 0 })]
    [InlineData(new byte[] { 0x7F, 0xFF, 0xFF, 0xFF, 0x7F, 0xFF, 0xFF, 0xFF })]
    [InlineData(new byte[] { 0, 0, 0, 0, 0, 0, 0, 0 })]
    [InlineData(new byte[] { 0, 0, 0, 1, 0xFF, 0xFF, 0xFF, 0xFF })]
    public void An_impossible_preamble_is_no_header_and_a_warning(byte[] blob)
    {
        Assert.Null(RpmHeader.Parse(blob, _warnings.Add));
        Assert.Single(_warnings);
    }

    [Fact]
    public void An_entry_pointing_outside_the_data_is_skipped_with_a_warning()
    {
        var blob = new RpmHeaderBlob()
            .Text(RpmTags.Name, "x")
            .Raw(RpmTags.Epoch, 4, 1000, 1)
            .Raw(RpmTags.Arch, 42, 0, 1)
            .Raw(RpmTags.DirIndexes, 4, 0, 1_000_000)
            .ToArray();

        var header = RpmHeader.Parse(blob, _warnings.Add);

        Assert.Equal("x", header?.Text(RpmTags.Name));
        Assert.Null(header?.Number(RpmTags.Epoch));
        Assert.Equal(3, _warnings.Count);
    }

    [Fact]
    public void A_string_without_its_terminator_reads_as_nothing()
    {
        var blob = new RpmHeaderBlob().Text(RpmTags.Name, "x").ToArray();
        blob[^1] = (byte)'y';

        Assert.Null(RpmHeader.Parse(blob, _warnings.Add)?.Text(RpmTags.Name));
    }
}
