using System.Text;
using Rampart.Core.Files;
using Rampart.Core.Images;
using Rampart.Images;
using Rampart.Images.Engine;
using Rampart.IntegrationTests.Fixtures;

namespace Rampart.IntegrationTests.Engine;

[Collection(EngineFixtureDefinition.Name)]
public sealed class BuildSourceTests(EngineFixture fixture)
{
    private static string BuildDirectory => Path.Combine(TestEnvironment.FixturesDirectory, "build");

    [SkippableFact]
    public async Task A_build_honours_build_args_the_target_stage_and_dockerignore_then_reads_the_image()
    {
        fixture.Require();
        var greeting = $"hello-{Guid.NewGuid():N}";
        var progress = new RecordingProgress();
        var request = new DockerBuildRequest(Path.Combine(BuildDirectory, "Dockerfile"))
        {
            BuildArgs = DockerBuildRequest.ParseBuildArgs([$"GREETING={greeting}"]),
            Target = "base",
        };
        var source = new DockerBuildImageSource(request, fixture.Engine, new ImageReaderOptions { Progress = progress });

        var snapshot = await source.ReadAsync(new FileSelection(["/greeting"]), CancellationToken.None);

        Assert.Equal($"dockerfile:{request.Dockerfile}", source.Reference);
        Assert.NotNull(source.ImageId);
        Assert.StartsWith("sha256:", source.ImageId, StringComparison.Ordinal);
        Assert.Equal(source.ImageId, snapshot.Image.ConfigDigest);
        var files = snapshot.Files;
        var greetingFile = files.Find("/greeting");
        Assert.NotNull(greetingFile);
        Assert.Equal($"{greeting}\n", Encoding.UTF8.GetString(files.ReadContent(greetingFile)!.Value.Span));
        Assert.Null(files.Find("/final-stage"));

        // The context as .dockerignore leaves it: the Dockerfile and .dockerignore always go.
        string[] sent = ["/ctx/Dockerfile", "/ctx/.dockerignore", "/ctx/kept.txt", "/ctx/sub/kept.txt", "/ctx/ignored/but-kept.txt"];
        string[] ignored = ["/ctx/token.secret", "/ctx/ignored/dropped.txt", "/ctx/sub/scratch.tmp"];
        Assert.All(sent, path => Assert.True(files.Find(path) is not null, $"{path} should be in the context"));
        Assert.All(ignored, path => Assert.True(files.Find(path) is null, $"{path} should have been left out of the context"));

        // The build's own output is the progress: its steps and the image it made.
        Assert.Contains(progress.Lines, line => line.StartsWith($"build {request.Dockerfile}: Step 1/", StringComparison.Ordinal));
        Assert.Contains(progress.Lines, line => line == $"build {request.Dockerfile}: built {source.ImageId}");
    }

    [SkippableFact]
    public async Task Without_a_target_the_last_stage_is_built_and_a_tag_is_given()
    {
        fixture.Require();
        var tag = $"rampart-test/built:{Guid.NewGuid():N}";
        var request = new DockerBuildRequest(Path.Combine(BuildDirectory, "Dockerfile"), BuildDirectory) { Tag = tag };
        var source = new DockerBuildImageSource(request, fixture.Engine, ImageReaderOptions.Default);
        try
        {
            var snapshot = await source.ReadAsync(new FileSelection(["/greeting"]), CancellationToken.None);

            Assert.NotNull(snapshot.Files.Find("/final-stage"));
            Assert.Equal("unset\n", Encoding.UTF8.GetString(snapshot.Files.ReadContent(snapshot.Files.Find("/greeting")!)!.Value.Span));
            Assert.Contains(tag, snapshot.Image.RepoTags);
            Assert.Equal($"docker:{tag}", snapshot.Image.Reference);
        }
        finally
        {
            await fixture.RemoveImageAsync(tag);
        }
    }

    [SkippableFact]
    public async Task A_Dockerfile_outside_the_context_is_sent_with_it()
    {
        fixture.Require();
        var outside = Path.Combine(fixture.WorkDirectory, $"outside-{Guid.NewGuid():N}.Dockerfile");
        await File.WriteAllTextAsync(outside, $"FROM {EngineFixture.BaseImage}\nCOPY kept.txt /kept.txt\n");
        var source = new DockerBuildImageSource(new DockerBuildRequest(outside, BuildDirectory), fixture.Engine, ImageReaderOptions.Default);

        var snapshot = await source.ReadAsync(FileSelection.HeadersOnly, CancellationToken.None);

        Assert.NotNull(snapshot.Files.Find("/kept.txt"));
    }

    [SkippableFact]
    public async Task A_failing_step_is_an_error_with_the_builders_message_and_the_step()
    {
        fixture.Require();
        var dockerfile = Path.Combine(TestEnvironment.FixturesDirectory, "failing", "Dockerfile");
        var progress = new RecordingProgress();
        var source = new DockerBuildImageSource(new DockerBuildRequest(dockerfile), fixture.Engine, new ImageReaderOptions { Progress = progress });

        var error = await Assert.ThrowsAsync<ImageReadException>(() => source.ReadAsync(FileSelection.HeadersOnly, CancellationToken.None));

        Assert.StartsWith($"dockerfile:{dockerfile}: the build failed at Step 3/3 : RUN echo \"about to fail\" && exit 3: ", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("returned a non-zero code: 3", error.Message, StringComparison.Ordinal);
        Assert.Contains(progress.Lines, line => line.EndsWith(": about to fail", StringComparison.Ordinal));
        Assert.Null(source.ImageId);
    }

    [SkippableFact]
    public async Task A_Dockerfile_the_builder_cannot_parse_is_an_error_naming_the_fault()
    {
        fixture.Require();
        var dockerfile = Path.Combine(fixture.WorkDirectory, $"bad-{Guid.NewGuid():N}.Dockerfile");
        await File.WriteAllTextAsync(dockerfile, $"FROM {EngineFixture.BaseImage}\nFROBNICATE everything\n");
        var source = new DockerBuildImageSource(new DockerBuildRequest(dockerfile, fixture.WorkDirectory), fixture.Engine, ImageReaderOptions.Default);

        var error = await Assert.ThrowsAsync<ImageReadException>(() => source.ReadAsync(FileSelection.HeadersOnly, CancellationToken.None));

        Assert.StartsWith($"dockerfile:{dockerfile}: the build failed", error.Message, StringComparison.Ordinal);
        Assert.Contains("frobnicate", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_missing_Dockerfile_is_named_before_any_engine_is_asked()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"rampart-missing-{Guid.NewGuid():N}", "Dockerfile");
        using var engine = new DockerEngine(new Uri("unix:///nonexistent/rampart-test.sock"));
        var source = new DockerBuildImageSource(new DockerBuildRequest(missing, Path.GetTempPath()), engine, ImageReaderOptions.Default);

        var error = await Assert.ThrowsAsync<ImageReadException>(() => source.ReadAsync(FileSelection.HeadersOnly, CancellationToken.None));

        Assert.Equal($"The Dockerfile '{missing}' does not exist.", error.Message);
    }

    [Fact]
    public void Build_arguments_parse_as_the_command_line_gives_them()
    {
        Environment.SetEnvironmentVariable("RAMPARTTEST_BUILD_ARG_FROM_ENV", "from-env");
        var parsed = DockerBuildRequest.ParseBuildArgs(["A=1", "B=", "C=x=y", "RAMPARTTEST_BUILD_ARG_FROM_ENV", "RAMPARTTEST_BUILD_ARG_UNSET"]);

        Assert.Equal(
            new Dictionary<string, string> { ["A"] = "1", ["B"] = string.Empty, ["C"] = "x=y", ["RAMPARTTEST_BUILD_ARG_FROM_ENV"] = "from-env" },
            parsed);
        Assert.Throws<ArgumentException>(() => DockerBuildRequest.ParseBuildArgs(["=value"]));
    }
}
