using Rampart.Core.Findings;
using Rampart.Rules.Hardening;

namespace Rampart.Rules.Tests.Hardening;

public sealed class UnneededFilesRuleTests
{
    private static readonly UnneededFilesRule Rule = new();

    [Fact]
    public void A_git_directory_is_reported_once_as_medium()
    {
        var image = ImageFixture.DebianBase().Layer("COPY . /app # buildkit", f => f
            .Directory("/app/.git")
            .File("/app/.git/config", "[core]")
            .File("/app/.git/HEAD", "ref: refs/heads/main")
            .Directory("/app/.git/objects"));

        var finding = Assert.Single(image.Evaluate(Rule));

        Assert.Equal(Severity.Medium, finding.Severity);
        Assert.Equal([new FindingLocation("/app/.git", 1)], finding.Locations);
    }

    [Fact]
    public void Editor_leftovers_and_IDE_folders_are_low()
    {
        var image = ImageFixture.DebianBase().Layer("COPY . /app # buildkit", f => f
            .File("/app/main.py~", "x")
            .File("/app/.main.py.swp", "x")
            .File("/app/.DS_Store", "x")
            .Directory("/app/.vscode")
            .File("/app/.vscode/settings.json", "{}"));

        var findings = image.Evaluate(Rule);

        Assert.Equal(["/app/.DS_Store", "/app/.main.py.swp", "/app/.vscode", "/app/main.py~"], findings.Select(f => f.Locations[0].Path));
        Assert.All(findings, f => Assert.Equal(Severity.Low, f.Severity));
    }

    [Fact]
    public void Vendored_trees_and_ordinary_files_pass()
    {
        var image = ImageFixture.DebianBase().Layer("COPY . /app # buildkit", f => f
            .Directory("/app/node_modules/left-pad/.git")
            .File("/app/vendor/lib/.DS_Store", "x")
            .File("/etc/passwd-", "root:x:0:0::/root:/bin/sh\n")
            .File("/app/app.py", "print()"));

        Assert.Empty(image.Evaluate(Rule));
    }
}
