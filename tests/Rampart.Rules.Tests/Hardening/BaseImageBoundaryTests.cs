using Rampart.Core.Dockerfiles;
using Rampart.Core.Findings;

namespace Rampart.Rules.Tests.Hardening;

public sealed class BaseImageBoundaryTests
{
    [Fact]
    public void The_base_images_last_CMD_ends_the_base()
    {
        var image = ImageFixture.DebianBase()
            .Layer("RUN /bin/sh -c apt-get install -y curl # buildkit", _ => { })
            .Step("CMD [\"app\"] # buildkit")
            .Build().Image;

        var boundary = BaseImageBoundary.Detect(image, new Dictionary<int, DockerfileInstruction>());

        Assert.Equal(new BaseImageBoundary(2, 1, BaseImageBoundarySource.BaseCmdEntry), boundary);
        Assert.True(boundary.IsBaseLayer(0));
        Assert.False(boundary.IsBaseHistory(2));
    }

    [Fact]
    public void Without_a_CMD_only_the_oldest_layer_is_the_base()
    {
        var image = new ImageFixture()
            .Layer("Imported from -", _ => { })
            .Layer("/bin/sh -c useradd app", _ => { })
            .Build().Image;

        Assert.Equal(new BaseImageBoundary(1, 1, BaseImageBoundarySource.OldestEntry), BaseImageBoundary.Detect(image, new Dictionary<int, DockerfileInstruction>()));
    }

    [Fact]
    public void The_Dockerfile_mapping_wins_over_heuristics()
    {
        var fixture = ImageFixture.DebianBase()
            .Layer("RUN /bin/sh -c make # buildkit", _ => { })
            .Step("USER 1000 # buildkit");
        var dockerfile = DockerfileParser.Parse("FROM debian:12\nRUN make\nUSER 1000\n");

        var context = fixture.Context(dockerfile);

        Assert.Equal(new BaseImageBoundary(2, 1, BaseImageBoundarySource.Dockerfile), context.Boundary);
        Assert.Equal(new DockerfileLocation("Dockerfile", 2), context.LineOfLayer(1));
    }

    [Fact]
    public void An_image_without_history_is_application_throughout()
    {
        var image = new ImageFixture().Build().Image;

        Assert.Equal(BaseImageBoundarySource.NoHistory, BaseImageBoundary.Detect(image, new Dictionary<int, DockerfileInstruction>()).Source);
    }
}
