using System.Collections;
using Rampart.Publishing.AzureDevOps;
using Rampart.Publishing.Ci;

namespace Rampart.Publishing.Tests.AzureDevOps;

/// <summary>
/// Logging commands as the agent reads them. Escaping follows azure-pipelines-task-lib node/taskcommand.ts
/// (<c>%</c> as <c>%AZP25</c>, CR <c>%0D</c>, LF <c>%0A</c>; in property values also <c>;</c> <c>%3B</c> and <c>]</c> <c>%5D</c>);
/// the issue cap is <c>_maxIssueCount = 10</c> in the agent's ExecutionContext.cs.
/// </summary>
public sealed class LoggingCommandsTests
{
    [Fact]
    public void Messages_and_property_values_are_escaped()
    {
        var command = LoggingCommands.Command("task.logissue", [new("type", "error"), new("sourcepath", "/s/a;b]c%.txt")], "100% done\r\nnext");

        Assert.Equal("##vso[task.logissue type=error;sourcepath=/s/a%3Bb%5Dc%AZP25.txt]100%AZP25 done%0D%0Anext", command);
    }

    [Fact]
    public void A_command_hidden_in_image_text_is_made_inert_in_issues_and_outputs()
    {
        var annotation = new CiAnnotation(CiAnnotationLevel.Warning, "HRD-001 (medium)", "label ##vso[task.setvariable variable=x]y", "Dockerfile", 4);

        Assert.Equal(
            "##vso[task.logissue type=warning;sourcepath=/s/Dockerfile;linenumber=4]HRD-001 (medium): label ##_vso[task.setvariable variable=x]y",
            LoggingCommands.LogIssue(annotation, "/s"));
        Assert.Equal("##vso[task.setvariable variable=sbomPath;isOutput=true;issecret=false]/o/##_vso[x].cdx.json", LoggingCommands.SetOutput("sbomPath", "/o/##vso[x].cdx.json"));
    }

    [Fact]
    public void An_absolute_Dockerfile_path_is_kept_and_an_issue_without_a_file_has_no_location()
    {
        Assert.Equal(
            "##vso[task.logissue type=error;sourcepath=/elsewhere/Dockerfile;linenumber=1]T: M",
            LoggingCommands.LogIssue(new CiAnnotation(CiAnnotationLevel.Error, "T", "M", "/elsewhere/Dockerfile", 1), "/s"));
        Assert.Equal("##vso[task.logissue type=error]T: M", LoggingCommands.LogIssue(new CiAnnotation(CiAnnotationLevel.Error, "T", "M", null, null), "/s"));
    }

    [Fact]
    public void The_host_writes_ten_errors_and_nine_warnings_then_says_how_many_were_left_out()
    {
        var log = new StringWriter();
        var host = new AzurePipelinesHost(Pipeline(), log);
        var annotations = Enumerable.Range(1, 12).Select(i => new CiAnnotation(CiAnnotationLevel.Error, $"E{i}", "m", "Dockerfile", i))
            .Concat(Enumerable.Range(1, 11).Select(i => new CiAnnotation(CiAnnotationLevel.Warning, $"W{i}", "m", "Dockerfile", i)))
            .Append(new CiAnnotation(CiAnnotationLevel.Notice, "N1", "m", "Dockerfile", 1))
            .ToList();

        var outcome = host.Annotate(annotations);

        var lines = log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(10, lines.Count(l => l.StartsWith("##vso[task.logissue type=error;", StringComparison.Ordinal)));
        Assert.Equal(10, lines.Count(l => l.StartsWith("##vso[task.logissue type=warning", StringComparison.Ordinal)));
        Assert.Equal("##vso[task.logissue type=warning]Rampart: more findings: 5 more findings are not listed as issues (Azure Pipelines keeps 10 errors and 10 warnings per step and has no notices). Every finding is in the report and the results files.", lines[^1]);
        Assert.Equal(new AnnotationOutcome(19, 5), outcome);
    }

    [Fact]
    public async Task Outside_a_pipeline_nothing_is_written_and_no_secret_is_echoed()
    {
        var log = new StringWriter();
        var host = new AzurePipelinesHost(AzureDevOpsEnvironment.FromEnvironment(new Hashtable()), log);

        host.MaskSecret("s3cret");
        Assert.False(await host.SetOutputsAsync([new("gateResult", "passed")], CancellationToken.None));
        Assert.False(await host.TryAppendSummaryAsync("# report", CancellationToken.None));
        Assert.Equal(new AnnotationOutcome(0, 1), host.Annotate([new CiAnnotation(CiAnnotationLevel.Error, "T", "M", null, null)]));
        Assert.Empty(log.ToString());
    }

    private static AzureDevOpsEnvironment Pipeline() => AzureDevOpsEnvironment.FromEnvironment(new Hashtable { ["TF_BUILD"] = "True", ["BUILD_SOURCESDIRECTORY"] = "/s" });
}
