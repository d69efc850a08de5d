using System.Text;
using Rampart.Catalogers.Php;
using Rampart.Catalogers.Tests.Support;

namespace Rampart.Catalogers.Tests.Php;

public sealed class ComposerInstalledTests
{
    private readonly List<string> _warnings = [];

    private IReadOnlyList<ComposerPackage> Parse(string json) => ComposerInstalled.Parse(Encoding.UTF8.GetBytes(json), _warnings.Add);

    private IReadOnlyList<ComposerPackage> Fixture(string relative) => ComposerInstalled.Parse(File.ReadAllBytes(TestImage.TestData(relative)), _warnings.Add);

    [Fact]
    public void The_composer_2_form_gives_every_installed_package()
    {
        var packages = Fixture("php/app/var/www/app/vendor/composer/installed.json");

        Assert.Equal(
            ["monolog/monolog@3.5.0", "phpunit/php-timer@6.0.0", "psr/log@3.0.0", "symfony/polyfill-mbstring@v1.28.0"],
            packages.Select(p => $"{p.Name}@{p.Version}"));
        Assert.Empty(_warnings);
    }

    [Fact]
    public void Requirements_keep_packages_and_leave_out_the_platform()
    {
        var monolog = Fixture("php/app/var/www/app/vendor/composer/installed.json")[0];

        Assert.Equal(["psr/log"], monolog.Requires);
        Assert.Equal(["MIT"], monolog.Licenses);
        Assert.Equal(["Jordi Boggiano"], monolog.Authors);
        Assert.Equal("Sends your logs to files, sockets, inboxes, databases and various web services", monolog.Description);
    }

    [Fact]
    public void The_composer_1_array_form_reads_the_same()
    {
        Assert.Equal(
            Fixture("php/app/var/www/app/vendor/composer/installed.json").Select(p => (p.Name, p.Version, string.Join(',', p.Licenses), string.Join(',', p.Requires))),
            Fixture("php/composer1/srv/legacy/vendor/composer/installed.json").Select(p => (p.Name, p.Version, string.Join(',', p.Licenses), string.Join(',', p.Requires))));
    }

    [Fact]
    public void A_license_given_as_one_string_is_read()
    {
        Assert.Equal(["GPL-2.0-or-later"], Assert.Single(Parse("""[{"name": "a/b", "version": "1.0.0", "license": "GPL-2.0-or-later"}]""")).Licenses);
    }

    [Fact]
    public void A_package_without_name_or_version_is_skipped_with_a_warning_and_the_rest_kept()
    {
        var packages = Parse("""{"packages": [{"name": "a/b"}, {"name": "c/d", "version": "2.0.0"}, 42]}""");

        Assert.Equal("c/d", Assert.Single(packages).Name);
        Assert.Equal(["package 0 has no name or version, skipped", "package 2 has no name or version, skipped"], _warnings);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("{\"dev\": true}")]
    [InlineData("\"text\"")]
    public void A_file_of_another_shape_gives_nothing_and_a_warning(string json)
    {
        Assert.Empty(Parse(json));
        Assert.Single(_warnings);
    }
}
