using Rampart.Core.Dockerfiles;
using Rampart.Core.Findings;
using Rampart.Rules.Hardening;

namespace Rampart.Rules.Tests.Hardening;

public sealed class FindingOriginTests
{
    private static readonly BaseImageBoundary Boundary = new(2, 1, BaseImageBoundarySource.BaseCmdEntry);

    [Fact]
    public void Locations_in_base_layers_only_are_base()
    {
        Assert.Equal(FindingOrigin.Base, Boundary.OriginOf([new FindingLocation("/usr/bin/passwd", 0), new FindingLocation("config.User", null)]));
    }

    [Fact]
    public void One_location_in_an_application_layer_makes_it_application()
    {
        Assert.Equal(FindingOrigin.Application, Boundary.OriginOf([new FindingLocation("/bin/sh", 0), new FindingLocation("/usr/bin/bash", 1)]));
    }

    [Fact]
    public void Locations_without_layers_are_unknown()
    {
        Assert.Equal(FindingOrigin.Unknown, Boundary.OriginOf([new FindingLocation("config.Healthcheck", null)]));
        Assert.Equal(FindingOrigin.Unknown, Boundary.OriginOf([]));
    }

    [Fact]
    public void A_file_finding_gets_the_origin_of_the_layer_that_wrote_the_file()
    {
        var image = ImageFixture.DebianBase()
            .Layer("COPY tool /usr/local/bin/tool # buildkit", f => f.File("/usr/local/bin/tool", "ELF", ImageFixture.Exec755 | UnixFileMode.SetUser));
        var policy = HardeningPolicy.Default with { SetuidAllowList = new HashSet<string>(StringComparer.Ordinal) };

        var findings = image.Evaluate(new SetuidFilesRule(), policy: policy);

        Assert.Equal(FindingOrigin.Application, findings.Single(f => f.Locations[0].Path == "/usr/local/bin/tool").Origin);
        Assert.Equal(FindingOrigin.Base, findings.Single(f => f.Locations[0].Path == "/usr/bin/passwd").Origin);
    }

    [Fact]
    public void A_config_finding_gets_the_origin_of_the_step_that_set_the_value_not_of_the_files_it_points_at()
    {
        var image = ImageFixture.DebianBase()
            .Layer("RUN /bin/sh -c useradd toor # buildkit", f => f.File("/etc/passwd", "root:x:0:0::/root:/bin/sh\ntoor:x:0:0::/root:/bin/sh\n"))
            .Step("USER toor # buildkit")
            .Config(c => c with { User = "toor" });

        var finding = Assert.Single(image.Evaluate(new RunsAsRootRule()));

        Assert.Equal(FindingOrigin.Application, finding.Origin);
    }

    [Fact]
    public void A_secret_in_a_metadata_step_gets_the_origin_of_the_step()
    {
        var image = ImageFixture.DebianBase()
            .Step("ARG NPM_TOKEN=" + FakeSecrets.NpmToken + " # buildkit")
            .Layer("RUN /bin/sh -c npm ci # buildkit", _ => { });

        var finding = Assert.Single(image.Evaluate(new SecretInHistoryRule()));

        Assert.Null(finding.Locations[0].Layer);
        Assert.Equal(FindingOrigin.Application, finding.Origin);
    }

    [Fact]
    public void An_environment_value_set_by_the_base_image_is_base()
    {
        var image = ImageFixture.DebianBase()
            .Config(c => c with { Env = ["AWS_ACCESS_KEY_ID=" + FakeSecrets.AwsAccessKeyId] })
            .Layer("RUN /bin/sh -c make # buildkit", _ => { });
        var withStep = new ImageFixture()
            .Layer("/bin/sh -c #(nop) ADD file:3a1b2c in / ", _ => { })
            .Step("/bin/sh -c #(nop)  ENV AWS_ACCESS_KEY_ID=" + FakeSecrets.AwsAccessKeyId)
            .Step("/bin/sh -c #(nop)  CMD [\"bash\"]")
            .Layer("RUN /bin/sh -c make # buildkit", _ => { })
            .Config(c => c with { Env = ["AWS_ACCESS_KEY_ID=" + FakeSecrets.AwsAccessKeyId] });

        Assert.Equal(FindingOrigin.Unknown, Assert.Single(image.Evaluate(new SecretInEnvironmentRule())).Origin);
        Assert.Equal(FindingOrigin.Base, Assert.Single(withStep.Evaluate(new SecretInEnvironmentRule())).Origin);
    }

    [Fact]
    public void A_missing_healthcheck_has_no_origin_and_a_floating_FROM_is_the_applications()
    {
        var dockerfile = DockerfileParser.Parse("FROM debian\nRUN make\n");
        var image = ImageFixture.DebianBase().Layer("RUN /bin/sh -c make # buildkit", _ => { });

        Assert.Equal(FindingOrigin.Unknown, Assert.Single(image.Evaluate(new HealthcheckRule(), dockerfile)).Origin);
        Assert.Equal(FindingOrigin.Application, image.Evaluate(new LatestTagRule(), dockerfile).Single(f => f.Title.StartsWith("FROM", StringComparison.Ordinal)).Origin);
    }
}
