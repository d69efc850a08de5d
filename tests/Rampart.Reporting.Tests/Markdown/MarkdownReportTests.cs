using System.Text;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Rampart.Core.Findings;
using Rampart.Core.Results;
using Rampart.Reporting.Markdown;
using Rampart.Reporting.Tests.Results;

namespace Rampart.Reporting.Tests.Markdown;

public sealed class MarkdownReportTests : IDisposable
{
    private static readonly Uri RulesDocument = new("https://github.com/example/rampart/blob/main/src/Rampart.Rules/RULES.md");

    private static readonly MarkdownOptions Options = new()
    {
        RulesDocumentUrl = RulesDocument,
        Rules = [new RuleDescriptor("RMP-H001", "Image runs as root by default", Severity.High, "Root is root.", "Use USER.", [])],
        MarkerKey = "rampart/app",
    };

    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    public static TheoryData<string> Samples() => ["single", "fleet", "baseline"];

    [Theory]
    [MemberData(nameof(Samples))]
    public void Render_Sample_MatchesGolden(string sample)
    {
        Golden.AssertText($"{sample}.md", MarkdownReport.Render(ResultsJsonTests.Sample(sample), Options));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Render_Sample_HasOneTableRowPerFindingShown(string sample)
    {
        var results = ResultsJsonTests.Sample(sample);

        var tables = MarkdownTables.WithFirstHeader(MarkdownReport.Render(results, Options), "Severity");

        Assert.Equal(
            results.Images.Select(i => i.Hardening.Findings.Count).Where(c => c > 0),
            tables.Select(MarkdownTables.DataRows));
    }

    [Fact]
    public void Render_StartsWithTheMarkerAndTheVerdict()
    {
        var lines = MarkdownReport.Render(ResultsJsonTests.Sample("single"), Options).Split('\n');

        Assert.Equal("<!-- rampart:rampart/app -->", lines[0]);
        Assert.Equal("## ❌ Rampart: the gate failed", lines[1]);
        Assert.Contains(lines, l => l.StartsWith("- ❌ **registry:registry.example.com/team/app:1.4**: Hardening **C** (65/100) · lock-in **low** (12.5/100, Debian) · gate **failed** · 1 high · 1 medium · 1 info · 1 waived", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_PassingGate_SaysSo()
    {
        var image = SampleResults.NoOs();
        var results = ScanResults.Create([image], Gate.Evaluate([image], Severity.High, null), SampleResults.Tool, SampleResults.Clock);

        var text = MarkdownReport.Render(results, new MarkdownOptions());

        Assert.StartsWith("## ✅ Rampart: the gate passed", text, StringComparison.Ordinal);
        Assert.Contains("findings at **high** or worse; lock-in never fails it.", text, StringComparison.Ordinal);
        Assert.Contains("No findings.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Findings_LinkRulesToTheirHeadingInTheRulesDocument()
    {
        var links = MarkdownTables.Parse(MarkdownReport.Render(ResultsJsonTests.Sample("single"), Options))
            .Descendants<LinkInline>()
            .Select(l => l.Url)
            .ToList();

        Assert.Contains($"{RulesDocument}#rmp-h001-image-runs-as-root-by-default", links);
        Assert.Contains($"{RulesDocument}#rmp-h002", links);
        Assert.Contains($"{RulesDocument}#rmp-l009-rebuildability", links);
    }

    [Fact]
    public void Render_WithoutRulesDocument_HasNoLinks()
    {
        var text = MarkdownReport.Render(ResultsJsonTests.Sample("single"), new MarkdownOptions());

        Assert.Empty(MarkdownTables.Parse(text).Descendants<LinkInline>());
    }

    [Fact]
    public void Render_Locations_PreferDockerfileLinesElsePathAndLayer()
    {
        var rows = MarkdownTables.Rows(MarkdownTables.WithFirstHeader(MarkdownReport.Render(ResultsJsonTests.Sample("single"), Options), "Severity").Single());

        Assert.Equal(
            ["build/Dockerfile:12", "build/Dockerfile:7", "/bin/sh (layer 0)", "build/Dockerfile:9"],
            rows.Select(r => MarkdownTables.CellText(r, 3)));
    }

    [Fact]
    public void Render_Origin_SaysBaseOrApplicationAndDashesUnknown()
    {
        var text = MarkdownReport.Render(ResultsJsonTests.Sample("fleet"), Options);

        var tables = MarkdownTables.WithFirstHeader(text, "Severity").Select(MarkdownTables.Rows).ToList();
        Assert.Equal(["application", "application", "base", "application"], tables[0].Select(r => MarkdownTables.CellText(r, 2)));
        Assert.Equal(["base", "–"], tables[1].Select(r => MarkdownTables.CellText(r, 2)));
    }

    [Fact]
    public void Render_MinimumSeverity_ListsOnlyFindingsAtOrAboveAndCountsTheRest()
    {
        var text = MarkdownReport.Render(ResultsJsonTests.Sample("single"), Options with { MinimumSeverity = Severity.Medium });

        var table = MarkdownTables.WithFirstHeader(text, "Severity").Single();
        Assert.Equal(3, MarkdownTables.DataRows(table));
        Assert.Contains("1 finding below medium not listed.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Baseline_SaysWhatChangedBeforeTheFindings()
    {
        var text = MarkdownReport.Render(ResultsJsonTests.Sample("baseline"), Options);

        var changes = text.IndexOf("#### What changed since registry:registry.example.com/team/app:1.3", StringComparison.Ordinal);
        Assert.True(changes > 0 && changes < text.IndexOf("#### Findings", StringComparison.Ordinal));
        Assert.Contains("- Hardening: C 72 → C 65 (−7)", text, StringComparison.Ordinal);
        Assert.Contains("- Lock-in: low 20 → low 12.5 (−7.5)", text, StringComparison.Ordinal);
        Assert.Contains("- Findings: 1 new, 1 resolved", text, StringComparison.Ordinal);
        var packages = MarkdownTables.Rows(MarkdownTables.WithFirstHeader(text, "Change").Last());
        Assert.Equal(["added", "removed", "other version"], packages.Select(r => MarkdownTables.CellText(r, 0)));
        Assert.Equal("3.0.9-1 → 3.0.11-1~deb12u2", MarkdownTables.CellText(packages[2], 3));
    }

    [Fact]
    public void Render_SeveralImages_ShowsTheFleetTable()
    {
        var text = MarkdownReport.Render(ResultsJsonTests.Sample("fleet"), Options);

        var fleet = MarkdownTables.WithFirstHeader(text, "Image").Single();
        Assert.Equal(3, MarkdownTables.DataRows(fleet));
        Assert.Contains("**Alpine** supplies 50% of them", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ManyFindings_CollapsesThemInDetails()
    {
        var text = MarkdownReport.Render(Many(40), new MarkdownOptions());

        Assert.Contains("<details>\n<summary>40 findings</summary>\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_SameInput_GivesIdenticalText()
    {
        Assert.Equal(
            MarkdownReport.Render(ResultsJsonTests.Sample("baseline"), Options),
            MarkdownReport.Render(ResultsJsonTests.Sample("baseline"), Options));
    }

    [Theory]
    [InlineData(MarkdownOptions.PullRequestCommentLimit, 5_000)]
    [InlineData(MarkdownOptions.JobSummaryLimit, 20_000)]
    public void Render_ThousandsOfFindings_StaysWithinBudgetDroppingLeastSevereFirst(int budget, int count)
    {
        var results = Many(count);
        var options = new MarkdownOptions { MaxLength = budget, RulesDocumentUrl = RulesDocument, FullReportLocation = "https://example.com/run/1/rampart.html" };

        var text = MarkdownReport.Render(results, options);

        Assert.True(Encoding.UTF8.GetByteCount(text) <= budget, $"{Encoding.UTF8.GetByteCount(text)} bytes");
        Assert.Contains(Invariant($"This report was shortened to fit {budget:N0} bytes"), text, StringComparison.Ordinal);
        Assert.Contains("The full report: https://example.com/run/1/rampart.html.", text, StringComparison.Ordinal);
        var rows = MarkdownTables.Rows(MarkdownTables.WithFirstHeader(text, "Severity").Single());
        var shown = rows.Count;
        Assert.InRange(shown, 100, count - 1);
        Assert.Contains(Invariant($"_{count - shown:N0} of {count:N0} findings of docker:many not shown to fit the size limit."), text, StringComparison.Ordinal);
        var kept = results.Images[0].Hardening.Findings.Where(f => !f.Waived).Take(shown).Select(f => f.Title);
        Assert.Equal(kept, rows.Select(r => MarkdownTables.CellText(r, 4)));
    }

    [Fact]
    public void Render_FixedTextOverBudget_StopsAtALineAndSaysWhere()
    {
        var images = Enumerable.Range(0, 200).Select(i => SampleResults.Debian() with { Reference = $"docker:app-{i}" }).ToArray();
        var results = SampleResults.Results(images);

        var text = MarkdownReport.Render(results, new MarkdownOptions { MaxLength = 20_000, FullReportLocation = "report.html" });

        Assert.True(Encoding.UTF8.GetByteCount(text) <= 20_000);
        Assert.EndsWith("**The report stops here**: it is longer than 20,000 bytes even without its tables. The full report: report.html.\n", text, StringComparison.Ordinal);
        Assert.Equal(
            text.Split("<details>").Length - 1,
            text.Split("</details>").Length - 1);
    }

    [Fact]
    public void Render_UnderBudget_IsNotShortened()
    {
        var options = Options with { MaxLength = MarkdownOptions.PullRequestCommentLimit };

        Assert.Equal(MarkdownReport.Render(ResultsJsonTests.Sample("fleet"), Options with { MaxLength = null }), MarkdownReport.Render(ResultsJsonTests.Sample("fleet"), options));
    }

    [Fact]
    public void Render_HostileText_CannotBreakTablesOrInjectHtmlMentionsOrCommands()
    {
        var results = HostileResults.Results();

        var text = MarkdownReport.Render(results, Options);

        var findings = MarkdownTables.WithFirstHeader(text, "Severity").Single();
        Assert.Equal(results.Images[0].Hardening.Findings.Count, MarkdownTables.DataRows(findings));
        Assert.All(MarkdownTables.Rows(findings), r => Assert.Equal(5, MarkdownTables.Columns(r)));
        var criteria = MarkdownTables.WithFirstHeader(text, "Criterion").Single();
        Assert.Equal(HostileResults.Payloads.Length, MarkdownTables.DataRows(criteria));
        var packageChanges = MarkdownTables.WithFirstHeader(text, "Change").Last();
        Assert.All(MarkdownTables.Rows(packageChanges), r => Assert.Equal(4, MarkdownTables.Columns(r)));
        Assert.Equal(results.Images[0].Baseline!.Packages.Count, MarkdownTables.DataRows(packageChanges));

        var html = Markdig.Markdown.ToHtml(text, MarkdownTables.Pipeline);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<strong>bold", html, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", MarkdownTables.Parse(text).Descendants<LinkInline>().Select(l => l.Url), StringComparer.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("@here", text, StringComparison.Ordinal);
        Assert.DoesNotContain("@octocat", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\u202E', text);
        var lines = text.Split('\n');
        Assert.DoesNotContain(lines, l => l.TrimStart().StartsWith("##vso[", StringComparison.Ordinal) || l.TrimStart().StartsWith("::", StringComparison.Ordinal));
        Assert.DoesNotContain("##vso[", text, StringComparison.Ordinal);
        Assert.DoesNotContain("::set-output", text, StringComparison.Ordinal);
        var ourHtml = MarkdownTables.Parse(text).Descendants<HtmlBlock>().Select(b => b.Lines.ToString().Split('\n')[0]).ToList();
        Assert.All(ourHtml, h => Assert.Matches("^(<!-- rampart:|<details>|</details>|<sub>)", h));
        string[] ourInlineTags = ["<sub>", "</sub>", "<summary>", "</summary>"];
        Assert.DoesNotContain(MarkdownTables.Parse(text).Descendants<HtmlInline>(), h => !ourInlineTags.Contains(h.Tag));
    }

    [Fact]
    public void Presets_CarryGitHubLimitsAndTheMarker()
    {
        var comment = MarkdownOptions.PullRequestComment("pr/app");

        Assert.Equal(65_536, comment.MaxLength);
        Assert.Equal("pr/app", comment.MarkerKey);
        Assert.Equal(1_048_576, MarkdownOptions.JobSummary().MaxLength);
        Assert.Null(MarkdownOptions.JobSummary().MarkerKey);
    }

    [Theory]
    [InlineData("")]
    [InlineData("app -->")]
    [InlineData("a b")]
    public void Render_BadMarkerKey_IsRejected(string key)
    {
        Assert.Throws<ArgumentException>(() => MarkdownReport.Render(ResultsJsonTests.Sample("single"), new MarkdownOptions { MarkerKey = key }));
    }

    [Fact]
    public async Task WriteAsync_WritesTheRenderedReport()
    {
        var path = _directory.Combine("report/rampart.md");

        await MarkdownReport.WriteAsync(ResultsJsonTests.Sample("single"), path, Options);

        Assert.Equal(MarkdownReport.Render(ResultsJsonTests.Sample("single"), Options), await File.ReadAllTextAsync(path));
    }

    /// <summary>One image with <paramref name="count"/> findings of every severity, some waived.</summary>
    internal static ScanResults Many(int count)
    {
        var findings = Enumerable.Range(0, count).Select(i => new Finding
        {
            RuleId = $"RMP-H{i % 24 + 1:000}",
            Severity = (Severity)(i % 5),
            Title = $"Finding number {i} with a title of typical length",
            Locations = [new FindingLocation($"/usr/lib/app/module-{i}/file.so", i % 3)],
            Evidence = $"evidence {i}",
            Waiver = i % 50 == 0 ? new Waiver("accepted", null) : null,
        });
        var image = ImageResult.From(CycloneDx.SampleScans.Debian(), findings, null, null) with { Reference = "docker:many" };
        return ScanResults.Create([image], Gate.Evaluate([image], Severity.High, null), SampleResults.Tool, SampleResults.Clock);
    }

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
