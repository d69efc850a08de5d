using Rampart.Catalogers.Dpkg;

namespace Rampart.Catalogers.Tests.Dpkg;

public sealed class DpkgInfoFilesTests
{
    private readonly List<string> _warnings = [];

    [Fact]
    public void A_list_file_gives_absolute_paths_without_the_root_entry()
    {
        Assert.Equal(["/lib", "/lib/libz.so.1"], DpkgInfoFiles.ParseList("/.\n/lib\n/lib/libz.so.1\n\n"));
    }

    [Fact]
    public void Md5sums_paths_are_made_absolute()
    {
        var paths = DpkgInfoFiles.ParseMd5Sums("7210080490f9fd139c1b44fa0f730988  bin/bash\n12c7981c8fed81743552e47dd4b1483e  usr/bin/with space\n", _warnings.Add);

        Assert.Equal(["/bin/bash", "/usr/bin/with space"], paths);
        Assert.Empty(_warnings);
    }

    [Fact]
    public void A_md5sums_line_without_a_path_is_skipped_with_a_warning()
    {
        Assert.Empty(DpkgInfoFiles.ParseMd5Sums("nonsense\n", _warnings.Add));
        Assert.Single(_warnings);
    }

    [Fact]
    public void Conffiles_flags_are_dropped()
    {
        Assert.Equal(["/etc/a", "/etc/b"], DpkgInfoFiles.ParseConffiles("/etc/a\nremove-on-upgrade /etc/b\n"));
    }
}
