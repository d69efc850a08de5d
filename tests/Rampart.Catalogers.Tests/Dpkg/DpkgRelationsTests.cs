using Rampart.Catalogers.Dpkg;

namespace Rampart.Catalogers.Tests.Dpkg;

public sealed class DpkgRelationsTests
{
    [Fact]
    public void Version_constraints_are_dropped()
    {
        Assert.Equal([["libc6"], ["libtinfo6"]], DpkgRelations.Parse("libc6 (>= 2.36), libtinfo6 (>= 6)"));
    }

    [Fact]
    public void Alternatives_stay_together_in_one_requirement()
    {
        Assert.Equal(
            [["debconf", "debconf-2.0"], ["debconf", "cdebconf"], ["libpam-modules"]],
            DpkgRelations.Parse("debconf (>= 0.5) | debconf-2.0, debconf (>= 1.5.19) | cdebconf, libpam-modules (>= 1.0.1-6)"));
    }

    [Fact]
    public void Architecture_qualifiers_restrictions_and_profiles_are_dropped()
    {
        Assert.Equal([["python3"], ["libfoo"], ["bar"]], DpkgRelations.Parse("python3:any (>= 3.11), libfoo [amd64 arm64], bar <!nocheck>"));
    }

    [Fact]
    public void Continuation_lines_and_empty_items_are_tolerated()
    {
        Assert.Equal([["a"], ["b"]], DpkgRelations.Parse("a,\n b, ,"));
    }

    [Fact]
    public void No_field_means_no_requirements()
    {
        Assert.Empty(DpkgRelations.Parse(null));
        Assert.Empty(DpkgRelations.Parse("  "));
    }
}
