using Rampart.Core.Dockerfiles;
using Rampart.Core.Findings;
using Rampart.Rules.Hardening;

namespace Rampart.Rules.Tests.Hardening;

public sealed class PackageCacheRuleTests
{
    private static readonly PackageCacheRule Rule = new();

    [Fact]
    public void Apt_lists_left_by_a_step_are_reported_once_on_that_step_line()
    {
        var dockerfile = DockerfileParser.Parse("FROM debian:12\nRUN apt-get update && apt-get install -y curl\n");
        var image = ImageFixture.DebianBase().Layer("RUN /bin/sh -c apt-get update && apt-get install -y curl # buildkit", f => f
            .File("/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_InRelease", new string('x', 2048))
            .File("/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages.lz4", new string('x', 4096))
            .File("/var/lib/apt/lists/lock", string.Empty)
            .File("/usr/bin/curl", "ELF", ImageFixture.Exec755));

        var finding = Assert.Single(image.Evaluate(Rule, dockerfile));

        Assert.Equal(Severity.Low, finding.Severity);
        Assert.Equal([new FindingLocation("/var/lib/apt/lists", 1)], finding.Locations);
        Assert.Equal(2, finding.Dockerfile?.Line);
        Assert.Contains("2 files, 6 KiB", finding.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Caches_of_several_tools_are_reported_separately()
    {
        var image = ImageFixture.DebianBase().Layer("RUN /bin/sh -c pip install x && npm i # buildkit", f => f
            .File("/root/.cache/pip/http-v2/a/b/c", "x")
            .File("/home/app/.npm/_cacache/index-v5/aa/bb", "x")
            .File("/var/cache/apt/archives/curl_7.88.1-10_amd64.deb", "x")
            .File("/var/cache/apt/pkgcache.bin", "x"));

        var directories = image.Evaluate(Rule).Select(f => f.Locations[0].Path).ToList();

        Assert.Equal(["/home/app/.npm/_cacache", "/root/.cache/pip", "/var/cache/apt", "/var/cache/apt/archives"], directories);
    }

    [Fact]
    public void Lists_removed_in_the_same_step_and_empty_cache_directories_pass()
    {
        var image = ImageFixture.DebianBase().Layer("RUN /bin/sh -c apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/* # buildkit", f => f
            .Directory("/var/lib/apt/lists")
            .Directory("/var/lib/apt/lists/partial")
            .File("/var/lib/apt/lists/lock", string.Empty)
            .Directory("/var/cache/apk")
            .File("/var/cache/apt/archives/lock", string.Empty));

        Assert.Empty(image.Evaluate(Rule));
    }
}
