using Rampart.Catalogers.Distro;
using Rampart.Catalogers.Tests.Support;

namespace Rampart.Catalogers.Tests.Distro;

public sealed class OsReleaseReaderTests
{
    private readonly ListLogger _logger = new();

    [Fact]
    public void Debian_os_release_is_read_through_the_etc_symlink_and_takes_the_point_release()
    {
        var view = new TestImage().Layer("distro/debian-bookworm").Symlink("/etc/os-release", "../usr/lib/os-release").View();

        var os = OsReleaseReader.Read(view, _logger);

        Assert.NotNull(os);
        Assert.Equal("debian", os.Id);
        Assert.Equal("12.11", os.VersionId);
        Assert.Equal("bookworm", os.VersionCodename);
        Assert.Equal("Debian GNU/Linux", os.Name);
        Assert.Equal("Debian GNU/Linux 12 (bookworm)", os.PrettyName);
        Assert.Equal("https://www.debian.org/", os.Fields["HOME_URL"]);
        Assert.Empty(_logger.Warnings);
    }

    [Fact]
    public void Usr_lib_os_release_is_the_fallback_when_etc_has_none()
    {
        var view = new TestImage().File("/usr/lib/os-release", "ID=fedora\nVERSION_ID=40\n").View();

        Assert.Equal("40", OsReleaseReader.Read(view, _logger)?.VersionId);
    }

    [Fact]
    public void Etc_os_release_wins_over_usr_lib()
    {
        var view = new TestImage().File("/usr/lib/os-release", "ID=fedora\n").File("/etc/os-release", "ID=rhel\n").View();

        Assert.Equal("rhel", OsReleaseReader.Read(view, _logger)?.Id);
    }

    [Fact]
    public void Ubuntu_keeps_its_version_and_declares_itself_like_debian()
    {
        var view = new TestImage().Layer("distro/ubuntu-noble").View();

        var os = OsReleaseReader.Read(view, _logger);

        Assert.NotNull(os);
        Assert.Equal("ubuntu", os.Id);
        Assert.Equal("24.04", os.VersionId);
        Assert.Equal(["debian"], os.IdLike);
    }

    [Fact]
    public void Alpine_is_identified_by_os_release()
    {
        var os = OsReleaseReader.Read(new TestImage().Layer("distro/alpine").View(), _logger);

        Assert.Equal(("alpine", "3.20.3"), (os?.Id, os?.VersionId));
    }

    [Fact]
    public void Alpine_release_alone_identifies_alpine()
    {
        var view = new TestImage().File("/etc/alpine-release", "3.19.1\n").View();

        var os = OsReleaseReader.Read(view, _logger);

        Assert.Equal(("alpine", "3.19.1"), (os?.Id, os?.VersionId));
    }

    [Fact]
    public void Centos_6_without_os_release_is_read_from_its_release_file()
    {
        var os = OsReleaseReader.Read(new TestImage().Layer("distro/centos6").View(), _logger);

        Assert.Equal(("centos", "6.10"), (os?.Id, os?.VersionId));
        Assert.Equal("CentOS release 6.10 (Final)", os?.PrettyName);
    }

    [Fact]
    public void System_release_cpe_is_read_when_no_release_line_parses()
    {
        var view = new TestImage().File("/etc/system-release-cpe", "cpe:/o:redhat:enterprise_linux:7:ga:server\n").View();

        var os = OsReleaseReader.Read(view, _logger);

        Assert.Equal(("rhel", "7"), (os?.Id, os?.VersionId));
    }

    [Fact]
    public void Amazon_linux_2_is_read_from_system_release()
    {
        var os = OsReleaseReader.Read(new TestImage().Layer("distro/amazonlinux2").View(), _logger);

        Assert.Equal(("amzn", "2"), (os?.Id, os?.VersionId));
    }

    [Fact]
    public void Debian_unstable_without_os_release_has_a_codename_and_no_version()
    {
        var os = OsReleaseReader.Read(new TestImage().Layer("distro/debian-sid-no-os-release").View(), _logger);

        Assert.NotNull(os);
        Assert.Equal("debian", os.Id);
        Assert.Null(os.VersionId);
        Assert.Equal("trixie", os.VersionCodename);
    }

    [Fact]
    public void Lsb_release_names_ubuntu_when_os_release_is_missing()
    {
        var view = new TestImage()
            .File("/etc/lsb-release", "DISTRIB_ID=Ubuntu\nDISTRIB_RELEASE=22.04\nDISTRIB_CODENAME=jammy\nDISTRIB_DESCRIPTION=\"Ubuntu 22.04.4 LTS\"\n")
            .File("/etc/debian_version", "bookworm/sid\n")
            .View();

        var os = OsReleaseReader.Read(view, _logger);

        Assert.Equal(("ubuntu", "22.04", "jammy"), (os?.Id, os?.VersionId, os?.VersionCodename));
    }

    [Fact]
    public void Alpine_repositories_are_the_last_resort()
    {
        var view = new TestImage().File("/etc/apk/repositories", "https://dl-cdn.alpinelinux.org/alpine/v3.18/main\n").View();

        Assert.Equal("3.18", OsReleaseReader.Read(view, _logger)?.VersionId);
    }

    [Fact]
    public void An_image_without_any_release_file_has_no_distribution()
    {
        Assert.Null(OsReleaseReader.Read(new TestImage().File("/bin/sh", "x").View(), _logger));
    }

    [Fact]
    public void An_os_release_link_to_nowhere_falls_back_to_the_other_files()
    {
        var view = new TestImage().Symlink("/etc/os-release", "../usr/lib/os-release").File("/etc/alpine-release", "3.20.0\n").View();

        Assert.Equal("alpine", OsReleaseReader.Read(view, _logger)?.Id);
    }

    [Fact]
    public void A_missing_id_means_linux_as_os_release_5_says()
    {
        var view = new TestImage().File("/etc/os-release", "NAME=Custom\n").View();

        Assert.Equal("linux", OsReleaseReader.Read(view, _logger)?.Id);
    }

    [Fact]
    public void Every_file_it_reads_is_in_its_globs()
    {
        Assert.Contains("/etc/os-release", OsReleaseReader.Globs);
        Assert.Contains("/usr/lib/os-release", OsReleaseReader.Globs);
        Assert.Contains("/etc/debian_version", OsReleaseReader.Globs);
        Assert.Contains("/etc/redhat-release", OsReleaseReader.Globs);
    }
}
