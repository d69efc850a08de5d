using Rampart.Core.Dockerfiles;
using Rampart.Core.Files;
using Rampart.Core.Findings;
using Rampart.Images;
using Rampart.Images.Engine;
using Rampart.IntegrationTests.Fixtures;
using Rampart.Rules.Hardening;

namespace Rampart.IntegrationTests.Hardening;

/// <summary>
/// The hardening catalog against images the engine builds from the Debian minbase base: one built to trip as many
/// rules as a build can, one built with care that must get nothing above low.
/// </summary>
[Collection(EngineFixtureDefinition.Name)]
public sealed class HardeningImageTests(EngineFixture fixture)
{
    private const string TrippingTag = "rampart-test/hardening-tripping";
    private const string HardenedTag = "rampart-test/hardening-hardened:1";

    // Credential-shaped values assembled at run time, so the repository holds nothing a secret scanner would flag.
    private static readonly string GitHubToken = "ghp_" + "R8nX2vKq7LmP4sTz9WcY3bHd6FjQ1aEoUiNx";
    private static readonly string NpmToken = "npm_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";
    private static readonly string PrivateKeyBody = "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW";
    private const string DbPassword = "hunter2-db-password";

    private static readonly string TrippingDockerfile = $$"""
        FROM {{EngineFixture.BaseImage}}
        ARG NPM_TOKEN={{NpmToken}}
        ENV DB_PASSWORD={{DbPassword}}
        LABEL ci.token="{{GitHubToken}}"
        RUN install -m 4755 /bin/true /usr/local/bin/helper \
         && install -m 4755 /bin/true /usr/bin/sudo \
         && mkdir -m 777 /srv/drop && chmod 777 /srv/drop \
         && mkdir -p /etc/ssh && echo generated > /etc/ssh/ssh_host_ed25519_key \
         && passwd -d root \
         && echo 'toor:x:0:0::/root:/bin/sh' >> /etc/passwd \
         && mkdir -p /app/.git && echo '[core]' > /app/.git/config && touch /app/main.py~ \
         && echo 'Package: fake' > /var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages \
         && echo 'APT::Get::AllowUnauthenticated "true";' > /etc/apt/apt.conf.d/99insecure \
         && echo "//registry.npmjs.org/:_authToken=$NPM_TOKEN" > /root/.npmrc
        COPY id_ed25519 /root/.ssh/id_ed25519
        RUN rm /root/.ssh/id_ed25519
        ADD notes.txt /opt/notes.txt
        ADD capabilities.tar /
        RUN curl -fsSLk https://install.example.invalid/setup.sh | sh
        EXPOSE 22
        USER root
        CMD ["/bin/bash"]
        """;

    private const string HardenedDockerfile = $$"""
        FROM {{EngineFixture.BaseImage}}
        RUN useradd --uid 10001 --user-group --no-create-home --shell /usr/sbin/nologin app \
         && install -d -o 10001 -g 10001 -m 0750 /opt/app
        COPY --chown=10001:10001 notes.txt /opt/app/notes.txt
        HEALTHCHECK --interval=30s --timeout=5s CMD ["/bin/true"]
        USER 10001:10001
        WORKDIR /opt/app
        CMD ["/bin/cat", "/opt/app/notes.txt"]
        """;

    [SkippableFact]
    public async Task The_tripping_image_trips_every_rule_a_local_build_can_trip()
    {
        var (findings, _) = await BuildAndEvaluateAsync("tripping", TrippingDockerfile, TrippingTag, $"docker:{TrippingTag}");

        string[] expected =
        [
            "RMP-H001", "RMP-H002", "RMP-H003", "RMP-H004", "RMP-H005", "RMP-H006", "RMP-H007", "RMP-H008", "RMP-H009", "RMP-H010",
            "RMP-H011", "RMP-H012", "RMP-H013", "RMP-H014", "RMP-H016", "RMP-H017", "RMP-H018", "RMP-H019", "RMP-H020", "RMP-H021",
            "RMP-H022", "RMP-H023", "RMP-H024", "RMP-H025",
        ];
        Assert.Equal(expected, findings.Select(f => f.RuleId).Distinct().Order(StringComparer.Ordinal));
        Assert.All(findings, f =>
        {
            Assert.True(f.Locations.Count > 0 || f.Dockerfile is not null, $"{f.RuleId} has no location: {f.Title}");
            Assert.False(string.IsNullOrWhiteSpace(f.Remediation));
        });
    }

    [SkippableFact]
    public async Task Findings_of_the_tripping_image_land_on_the_Dockerfile_lines_that_caused_them()
    {
        var (findings, _) = await BuildAndEvaluateAsync("tripping", TrippingDockerfile, TrippingTag, $"docker:{TrippingTag}");

        int? LineOf(string ruleId, string titlePart) =>
            findings.First(f => f.RuleId == ruleId && f.Title.Contains(titlePart, StringComparison.Ordinal)).Dockerfile?.Line;

        Assert.Equal(21, LineOf("RMP-H001", "USER root"));
        Assert.Equal(20, LineOf("RMP-H007", "22/tcp"));
        Assert.Equal(3, LineOf("RMP-H004", "DB_PASSWORD"));
        Assert.Equal(4, LineOf("RMP-H009", "ci.token"));
        Assert.Equal(5, LineOf("RMP-H002", "/usr/local/bin/helper"));
        Assert.Equal(15, LineOf("RMP-H011", "/root/.ssh/id_ed25519"));
        Assert.Equal(17, LineOf("RMP-H014", "ADD"));
        Assert.Equal(18, LineOf("RMP-H025", "/usr/sbin/helper"));
        Assert.Equal(19, LineOf("RMP-H022", "pipes a download"));
        Assert.Contains(findings, f => f.RuleId == "RMP-H010" && f.Dockerfile?.Line == 2 && f.Title.StartsWith("Npm access token", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.RuleId == "RMP-H010" && f.Dockerfile?.Line == 5 && f.Title.StartsWith("Npm access token", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task Findings_say_whether_the_base_image_or_the_application_caused_them()
    {
        var (findings, context) = await BuildAndEvaluateAsync("tripping", TrippingDockerfile, TrippingTag, $"docker:{TrippingTag}");

        Assert.Equal(BaseImageBoundarySource.Dockerfile, context.Boundary.Source);
        Assert.Equal(1, context.Boundary.FirstApplicationLayer);
        Assert.Contains("(layer 0, base image)", findings.Single(f => f.RuleId == "RMP-H023").Evidence, StringComparison.Ordinal);
        Assert.Contains("in the application layers", findings.First(f => f.RuleId == "RMP-H002").Evidence, StringComparison.Ordinal);
        Assert.Equal(FindingOrigin.Base, findings.Single(f => f.RuleId == "RMP-H023").Origin);
        Assert.All(findings.Where(f => f.RuleId is "RMP-H001" or "RMP-H002" or "RMP-H004" or "RMP-H007" or "RMP-H009" or "RMP-H010" or "RMP-H022"), f => Assert.Equal(FindingOrigin.Application, f.Origin));
    }

    [SkippableFact]
    public async Task File_capabilities_of_an_ADDed_tar_survive_the_engine_and_are_read_back_from_the_saved_image()
    {
        var (findings, context) = await BuildAndEvaluateAsync("tripping", TrippingDockerfile, TrippingTag, $"docker:{TrippingTag}");

        // The tar's /usr/bin/ping (cap_net_raw+ep) has a hard link, ping6: the engine chowns the link after making it,
        // and the kernel drops security.capability on chown, so ping reaches the image without them. Only what the
        // saved image holds is asserted.
        var files = context.Snapshot.Files;
        Assert.Equal("cap_setuid,cap_sys_admin=ep", files.Find("/usr/sbin/helper")?.Capabilities?.ToString());
        Assert.NotNull(files.Find("/usr/bin/plain"));
        Assert.Null(files.Find("/usr/bin/plain")!.Capabilities);
        var finding = Assert.Single(findings, f => f.RuleId == "RMP-H025" && f.Locations[0].Path == "/usr/sbin/helper");
        Assert.Equal(Severity.High, finding.Severity);
        Assert.Contains("in the application layers", finding.Evidence, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task No_finding_of_the_tripping_image_carries_a_secret_value()
    {
        var (findings, _) = await BuildAndEvaluateAsync("tripping", TrippingDockerfile, TrippingTag, $"docker:{TrippingTag}");

        foreach (var finding in findings)
        {
            var text = string.Join('\n', new[] { finding.Title, finding.Evidence, finding.Remediation }.Concat(finding.Locations.Select(l => l.Path)));
            foreach (var secret in new[] { GitHubToken, NpmToken, DbPassword, PrivateKeyBody })
            {
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"{finding.RuleId} leaks a secret: {finding.Title}");
            }
        }
    }

    [SkippableFact]
    public async Task The_carefully_hardened_image_gets_nothing_above_low()
    {
        var (findings, _) = await BuildAndEvaluateAsync("hardened", HardenedDockerfile, HardenedTag, $"docker:{HardenedTag}");

        Assert.All(findings, f => Assert.True(f.Severity <= Severity.Low, $"{f.RuleId} {f.Severity}: {f.Title} ({f.Evidence})"));
        Assert.Equal(["RMP-H023", "RMP-H024"], findings.Select(f => f.RuleId).Order(StringComparer.Ordinal));
        Assert.Equal(new HardeningScore(100, 'A'), HardeningScore.From(findings));
    }

    private async Task<(IReadOnlyList<Finding> Findings, RuleContext Context)> BuildAndEvaluateAsync(string name, string dockerfileText, string tag, string reference)
    {
        fixture.Require();
        var context = Path.Combine(fixture.WorkDirectory, $"hardening-{name}");
        Directory.CreateDirectory(context);
        await File.WriteAllTextAsync(Path.Combine(context, "Dockerfile"), dockerfileText);
        await File.WriteAllTextAsync(Path.Combine(context, "notes.txt"), "release notes\n");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "fixtures", "capabilities.tar"), Path.Combine(context, "capabilities.tar"), overwrite: true);
        await File.WriteAllTextAsync(Path.Combine(context, "id_ed25519"), $"-----BEGIN OPENSSH PRIVATE KEY-----\n{PrivateKeyBody}\nQyNTUxOQAAACDk3cXq9pL0mTt7Vf2Jw8R6yH1sZk4uN5aG0bCvE2xQdAAAAJgAAAAAAAAA\n-----END OPENSSH PRIVATE KEY-----\n");
        await fixture.DockerAsync("build", "--quiet", "--network", "host", "--tag", tag, context);

        var selection = new FileSelection(HardeningRules.All.SelectMany(r => r.ContentGlobs));
        var snapshot = await new DockerEngineImageSource(reference, fixture.Engine, ImageReaderOptions.Default).ReadAsync(selection, CancellationToken.None);
        var ruleContext = new RuleContext(snapshot, null, [], DockerfileParser.Parse(dockerfileText), HardeningPolicy.Default);
        return (HardeningRules.All.SelectMany(ruleContext.Evaluate).ToList(), ruleContext);
    }
}
