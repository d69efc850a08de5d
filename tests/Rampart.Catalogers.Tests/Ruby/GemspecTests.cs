using Rampart.Catalogers.Ruby;
using Rampart.Catalogers.Tests.Support;

namespace Rampart.Catalogers.Tests.Ruby;

public sealed class GemspecTests
{
    private const string Specifications = "ruby/debian/usr/lib/ruby/gems/3.1.0/specifications/";
    private readonly List<string> _warnings = [];

    private Gemspec? Parse(string text) => Gemspec.Parse(text, _warnings.Add);

    private Gemspec Fixture(string relative) => Parse(File.ReadAllText(TestImage.TestData(Specifications + relative)))!;

    [Fact]
    public void An_installed_specification_gives_name_version_licenses_authors_and_summary()
    {
        var gem = Fixture("test-unit-3.5.3.gemspec");

        Assert.Equal(("test-unit", "3.5.3"), (gem.Name, gem.Version));
        Assert.Equal(["Ruby", "BSDL", "PSFL"], gem.Licenses);
        Assert.Equal(["Kouhei Sutou", "Haruka Yoshihara"], gem.Authors);
        Assert.Equal("An xUnit family unit testing framework for Ruby.", gem.Summary);
        Assert.Empty(_warnings);
    }

    [Fact]
    public void Only_runtime_dependencies_count_and_the_old_rubygems_fallback_branches_are_ignored()
    {
        Assert.Equal(["power_assert"], Fixture("test-unit-3.5.3.gemspec").Dependencies);
    }

    [Fact]
    public void A_gem_with_development_dependencies_only_depends_on_nothing()
    {
        Assert.Empty(Parse(File.ReadAllText(TestImage.TestData("ruby/debian/usr/share/rubygems-integration/all/specifications/net-telnet-0.2.0.gemspec")))!.Dependencies);
    }

    [Fact]
    public void Unicode_escapes_are_decoded()
    {
        var authors = Fixture("default/bundler-2.3.7.gemspec").Authors;

        Assert.Equal("André Arko", authors[0]);
        Assert.Contains("David Rodríguez", authors);
        Assert.Equal(15, authors.Count);
    }

    [Fact]
    public void Nul_separated_stub_comments_do_not_disturb_the_attributes()
    {
        var json = Fixture("default/json-2.6.1.gemspec");

        Assert.Equal(("json", "2.6.1", "Ruby"), (json.Name, json.Version, Assert.Single(json.Licenses)));
    }

    [Fact]
    public void The_rubygems_3_5_layout_without_fallback_branches_is_read()
    {
        // As RubyGems 3.5 writes it (public example: gibbon's installed specification).
        var gem = Parse("""
            # -*- encoding: utf-8 -*-
            # stub: gibbon 3.5.0 ruby lib

            Gem::Specification.new do |s|
              s.name = "gibbon".freeze
              s.version = "3.5.0".freeze
              s.licenses = ["MIT".freeze]
              s.installed_by_version = "3.5.3".freeze if s.respond_to? :installed_by_version

              s.specification_version = 4

              s.add_runtime_dependency(%q<faraday>.freeze, [">= 1.0".freeze])
              s.add_runtime_dependency(%q<multi_json>.freeze, [">= 1.11.0".freeze])
              s.add_development_dependency(%q<rake>.freeze, [">= 0".freeze])
            end
            """)!;

        Assert.Equal(("gibbon", "3.5.0"), (gem.Name, gem.Version));
        Assert.Equal(["faraday", "multi_json"], gem.Dependencies);
    }

    [Fact]
    public void Plain_add_dependency_outside_a_fallback_branch_is_a_runtime_dependency()
    {
        var gem = Parse("s.name = 'rack-session'\ns.version = '2.0.0'\ns.license = 'MIT'\ns.add_dependency \"rack\", \">= 3.0.0\"\ns.add_development_dependency 'minitest'\n")!;

        Assert.Equal(["rack"], gem.Dependencies);
        Assert.Equal(["MIT"], gem.Licenses);
    }

    [Theory]
    [InlineData("s.summary = \"tab\\there \\\"quoted\\\" \\u{1F600} \\#{not interpolated}\".freeze", "tab\there \"quoted\" \U0001F600 #{not interpolated}")]
    [InlineData("s.summary = 'it\\'s a \\\\ path' # comment", "it's a \\ path")]
    [InlineData("s.summary = %q{braced}", "braced")]
    public void Ruby_string_literals_are_decoded(string line, string summary)
    {
        Assert.Equal(summary, Parse($"s.name = \"a\"\ns.version = \"1\"\n{line}\n")!.Summary);
    }

    [Theory]
    [InlineData("s.version = \"1.0\"\n")]
    [InlineData("s.name = \"a\"\n")]
    [InlineData("not ruby at all")]
    public void A_specification_without_name_or_version_is_skipped_with_a_warning(string text)
    {
        Assert.Null(Parse(text));
        Assert.Single(_warnings);
    }
}
