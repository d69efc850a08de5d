using Rampart.Catalogers.Dpkg;
using Rampart.Catalogers.Tests.Support;

namespace Rampart.Catalogers.Tests.Dpkg;

public sealed class DpkgStatusParserTests
{
    private readonly List<string> _warnings = [];

    private static string RealStatus() => File.ReadAllText(TestImage.TestData("dpkg/debian-bookworm/var/lib/dpkg/status"));

    [Fact]
    public void Every_paragraph_of_a_real_status_file_is_read()
    {
        var entries = DpkgStatusParser.Parse(RealStatus(), _warnings.Add);

        Assert.Equal(11, entries.Count);
        Assert.All(entries, e => Assert.True(e.IsInstalled));
        Assert.Empty(_warnings);
    }

    [Fact]
    public void Source_with_a_version_in_parentheses_is_split()
    {
        var bsdutils = DpkgStatusParser.Parse(RealStatus(), _warnings.Add).Single(e => e.Package == "bsdutils");

        Assert.Equal("util-linux", bsdutils.Source);
        Assert.Equal("2.38.1-5+deb12u3", bsdutils.SourceVersion);
        Assert.Equal("1:2.38.1-5+deb12u3", bsdutils.Version);
    }

    [Fact]
    public void Source_without_a_version_has_only_a_name()
    {
        var zlib = DpkgStatusParser.Parse(RealStatus(), _warnings.Add).Single(e => e.Package == "zlib1g");

        Assert.Equal(("zlib", null), (zlib.Source, zlib.SourceVersion));
        Assert.Equal(["libz1"], zlib.Provides);
    }

    [Fact]
    public void Description_continuation_lines_are_not_part_of_the_summary()
    {
        var bash = DpkgStatusParser.Parse(RealStatus(), _warnings.Add).Single(e => e.Package == "bash");

        Assert.Equal("GNU Bourne Again SHell", bash.Summary);
        Assert.Equal("Matthias Klose <doko@debian.org>", bash.Maintainer);
    }

    [Fact]
    public void Conffiles_continuation_lines_give_paths()
    {
        var bash = DpkgStatusParser.Parse(RealStatus(), _warnings.Add).Single(e => e.Package == "bash");

        Assert.Equal(["/etc/bash.bashrc", "/etc/skel/.bash_logout", "/etc/skel/.bashrc", "/etc/skel/.profile"], bash.Conffiles);
    }

    [Theory]
    [InlineData("install ok installed", true)]
    [InlineData("hold ok installed", true)]
    [InlineData("deinstall ok config-files", false)]
    [InlineData("purge ok not-installed", false)]
    [InlineData("install ok half-installed", false)]
    [InlineData("install reinstreq half-installed", false)]
    [InlineData("deinstall ok installed", false)]
    public void Only_packages_dpkg_has_installed_count(string status, bool installed)
    {
        var entry = Assert.Single(DpkgStatusParser.Parse($"Package: a\nStatus: {status}\nVersion: 1\n", _warnings.Add));

        Assert.Equal(installed, entry.IsInstalled);
    }

    [Fact]
    public void A_paragraph_without_status_is_installed_as_in_distroless()
    {
        Assert.True(Assert.Single(DpkgStatusParser.Parse("Package: a\nVersion: 1\n", _warnings.Add)).IsInstalled);
    }

    [Fact]
    public void A_paragraph_without_version_is_skipped_with_a_warning()
    {
        var entries = DpkgStatusParser.Parse("Package: a\n\nPackage: b\nVersion: 2\n", _warnings.Add);

        Assert.Equal("b", Assert.Single(entries).Package);
        Assert.Contains(_warnings, w => w.Contains("line 1", StringComparison.Ordinal));
    }

    [Fact]
    public void Garbage_and_repeated_fields_are_skipped_without_losing_the_paragraph()
    {
        var text = "Package: a\nthis is not a field\nVersion: 1\nVersion: 2\n continued\n\n continuation at start\n\n\nPackage: b\nVersion: 3\n";

        var entries = DpkgStatusParser.Parse(text, _warnings.Add);

        Assert.Equal([("a", "1"), ("b", "3")], entries.Select(e => (e.Package, e.Version)));
        Assert.Equal(3, _warnings.Count);
    }

    [Fact]
    public void Empty_or_binary_input_gives_nothing_and_does_not_throw()
    {
        Assert.Empty(DpkgStatusParser.Parse(string.Empty, _warnings.Add));
        Assert.Empty(DpkgStatusParser.Parse("\0\u0001\uFFFD:\n\n:", _warnings.Add));
    }
}
