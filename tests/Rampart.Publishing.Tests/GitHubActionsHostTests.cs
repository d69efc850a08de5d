using System.Text;
using Rampart.Publishing.Ci;
using Rampart.Publishing.GitHub;
using Rampart.Testing;

namespace Rampart.Publishing.Tests;

public sealed class GitHubActionsHostTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("rampart-host-").FullName;
    private readonly StringWriter _log = new();

    private GitHubEnvironment Environment(bool actions = true) => new()
    {
        IsGitHubActions = actions,
        OutputPath = actions ? Path.Combine(_directory, "output") : null,
        StepSummaryPath = actions ? Path.Combine(_directory, "summary.md") : null,
    };

    public void Dispose()
    {
        _log.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task SetOutputs_MultiLineValues_ReadBackAsWritten()
    {
        var environment = Environment();
        var host = new GitHubActionsHost(environment, _log);

        Assert.True(await host.SetOutputsAsync([new("gate-reasons", "first\nsecond=x\n"), new("gate", "failed")], CancellationToken.None));

        var outputs = GitHubOutputFile.Values(await File.ReadAllTextAsync(environment.OutputPath!));
        Assert.Equal("first\nsecond=x\n", outputs["gate-reasons"]);
        Assert.Equal("failed", outputs["gate"]);
    }

    [Fact]
    public async Task SetOutputs_EachValueGetsItsOwnRandomDelimiter()
    {
        var environment = Environment();
        var host = new GitHubActionsHost(environment, _log);

        await host.SetOutputsAsync([new("a", "1"), new("b", "2")], CancellationToken.None);

        var delimiters = GitHubOutputFile.Parse(await File.ReadAllTextAsync(environment.OutputPath!)).Select(o => o.Delimiter).ToList();
        Assert.Equal(2, delimiters.Distinct().Count());
        Assert.All(delimiters, d => Assert.Matches("^ghadelimiter_[0-9a-f]{32}$", d));
    }

    [Fact]
    public async Task OutsideActions_NothingIsWrittenAndNoSecretEchoed()
    {
        var host = new GitHubActionsHost(Environment(actions: false), _log);

        Assert.False(await host.SetOutputsAsync([new("a", "1")], CancellationToken.None));
        Assert.False(await host.TryAppendSummaryAsync("# x", CancellationToken.None));
        host.MaskSecret("s3cret");

        Assert.Empty(_log.ToString());
    }

    [Fact]
    public void MaskSecret_InActions_WritesAddMask()
    {
        new GitHubActionsHost(Environment(), _log).MaskSecret("s3cret");

        Assert.Equal("::add-mask::s3cret" + System.Environment.NewLine, _log.ToString());
    }

    [Fact]
    public async Task Summary_Appends_AndRefusesWhatWouldPassOneMebibyte()
    {
        var environment = Environment();
        var host = new GitHubActionsHost(environment, _log);
        Assert.True(await host.TryAppendSummaryAsync("# first", CancellationToken.None));
        Assert.True(await host.TryAppendSummaryAsync("# second\n", CancellationToken.None));
        var before = await File.ReadAllTextAsync(environment.StepSummaryPath!);

        var tooLarge = new string('é', GitHubActionsHost.StepSummaryLimit / 2);

        Assert.False(await host.TryAppendSummaryAsync(tooLarge, CancellationToken.None));
        Assert.Equal("# first\n# second\n", before);
        Assert.Equal(before, await File.ReadAllTextAsync(environment.StepSummaryPath!));
        Assert.True(await host.TryAppendSummaryAsync(new string('x', GitHubActionsHost.StepSummaryLimit - Encoding.UTF8.GetByteCount(before) - 1), CancellationToken.None));
        Assert.Equal(GitHubActionsHost.StepSummaryLimit, new FileInfo(environment.StepSummaryPath!).Length);
    }

    [Fact]
    public void Annotate_CapsEachLevelAtTen_AndSaysHowManyWereLeftOut()
    {
        var host = new GitHubActionsHost(Environment(), _log);
        var annotations = Enumerable.Range(1, 12).Select(i => new CiAnnotation(CiAnnotationLevel.Error, $"E{i}", "m", "Dockerfile", i))
            .Concat(Enumerable.Range(1, 3).Select(i => new CiAnnotation(CiAnnotationLevel.Warning, $"W{i}", "m", null, null)))
            .Concat(Enumerable.Range(1, 10).Select(i => new CiAnnotation(CiAnnotationLevel.Notice, $"N{i}", "m", null, null)))
            .ToList();

        var outcome = host.Annotate(annotations);

        var lines = _log.ToString().Split(System.Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(10, lines.Count(l => l.StartsWith("::error ", StringComparison.Ordinal)));
        Assert.Equal(3, lines.Count(l => l.StartsWith("::warning ", StringComparison.Ordinal)));
        Assert.Equal(10, lines.Count(l => l.StartsWith("::notice ", StringComparison.Ordinal)));
        Assert.Equal(new AnnotationOutcome(22, 3), outcome);
        Assert.Contains("::3 more findings are not annotated here", lines[^1], StringComparison.Ordinal);
        Assert.DoesNotContain(lines, l => l.Contains("title=E11", StringComparison.Ordinal));
    }

    [Fact]
    public void Annotate_WithinLimits_ShowsEverythingWithoutANote()
    {
        var host = new GitHubActionsHost(Environment(), _log);

        var outcome = host.Annotate(Enumerable.Range(1, 10).Select(i => new CiAnnotation(CiAnnotationLevel.Notice, $"N{i}", "m", null, null)).ToList());

        Assert.Equal(new AnnotationOutcome(10, 0), outcome);
        Assert.DoesNotContain("not annotated here", _log.ToString(), StringComparison.Ordinal);
    }
}
