using System.Text.RegularExpressions;
using Rampart.Core.Findings;
using Rampart.Reporting.Html;
using Rampart.Reporting.Markdown;
using Rampart.Reporting.Tests.Markdown;
using Rampart.Reporting.Tests.Results;

namespace Rampart.Reporting.Tests.Html;

public sealed partial class HtmlReportTests : IDisposable
{
    private static readonly MarkdownOptions Options = new()
    {
        RulesDocumentUrl = new Uri("https://github.com/example/rampart/blob/main/src/Rampart.Rules/RULES.md"),
        Rules = [new RuleDescriptor("RMP-H001", "Image runs as root by default", Severity.High, "Root is root.", "Use USER.", [])],
        MarkerKey = "ignored-in-html",
        MaxLength = 1_000,
    };

    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData("single")]
    [InlineData("fleet")]
    [InlineData("baseline")]
    public void Render_Sample_MatchesGolden(string sample)
    {
        Golden.AssertText($"{sample}.html", HtmlReport.Render(ResultsJsonTests.Sample(sample), Options));
    }

    [Fact]
    public void Render_IsOneSelfContainedPage()
    {
        var html = HtmlReport.Render(ResultsJsonTests.Sample("fleet"), Options);

        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(ResourceAttribute(), html);
        Assert.DoesNotContain("url(", html, StringComparison.Ordinal);
        Assert.DoesNotContain("@import", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_IsNeverShortenedAndHasNoMarker()
    {
        var html = HtmlReport.Render(MarkdownReportTests.Many(300), Options);

        Assert.DoesNotContain("shortened", html, StringComparison.Ordinal);
        Assert.DoesNotContain("rampart:ignored-in-html", html, StringComparison.Ordinal);
        Assert.Equal(300, Regex.Count(html, "<td>[^<]*(critical|high|medium|low|info)[^<]*</td>"));
    }

    [Fact]
    public void Render_TitlesThePageWithTheVerdictAndRendersEveryTable()
    {
        var html = HtmlReport.Render(ResultsJsonTests.Sample("baseline"), Options);

        Assert.Contains("<title>Rampart: the gate failed</title>", html, StringComparison.Ordinal);
        Assert.Equal(5, Regex.Count(html, "<table>"));
        Assert.Contains("<details>\n<summary>Package changes (3)</summary>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_SameInput_GivesIdenticalText()
    {
        Assert.Equal(HtmlReport.Render(ResultsJsonTests.Sample("fleet"), Options), HtmlReport.Render(ResultsJsonTests.Sample("fleet"), Options));
    }

    [Fact]
    public void Render_HostileText_StaysText()
    {
        var html = HtmlReport.Render(HostileResults.Results(), Options);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"javascript", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Chromium_LoadsTheReportWithoutConsoleErrorsAndShowsTheVerdict()
    {
        Chromium.Require();
        var path = _directory.Combine("rampart.html");
        await HtmlReport.WriteAsync(ResultsJsonTests.Sample("baseline"), path, Options);

        var (dom, console) = await Chromium.LoadAsync(path);

        Assert.Empty(console);
        Assert.Contains("<title>Rampart: the gate failed</title>", dom, StringComparison.Ordinal);
        Assert.Contains("❌ Rampart: the gate failed</h2>", dom, StringComparison.Ordinal);
        Assert.Contains("<td>build/Dockerfile:12</td>", dom, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Chromium_LoadsTheHostileReportWithoutRunningOrFetchingAnything()
    {
        Chromium.Require();
        var path = _directory.Combine("hostile.html");
        await HtmlReport.WriteAsync(HostileResults.Results(), path, Options);

        var (dom, console) = await Chromium.LoadAsync(path);

        Assert.Empty(console);
        Assert.DoesNotContain("<script", dom, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Rampart: the gate failed", dom, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Chromium_Check_ReportsAPageThatFetchesOrRuns()
    {
        Chromium.Require();
        var path = _directory.Combine("bad.html");
        var page = HtmlReport.Render(ResultsJsonTests.Sample("single"), Options)
            .Replace("</main>", "<img src=\"https://example.com/x.png\"><script>console.error('ran')</script></main>", StringComparison.Ordinal);
        await File.WriteAllTextAsync(path, page);

        var (_, console) = await Chromium.LoadAsync(path);

        Assert.Equal(2, console.Count);
        Assert.All(console, line => Assert.Contains("Content Security Policy", line, StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task Chromium_Printing_OpensCollapsedDetails()
    {
        Chromium.Require();
        var html = HtmlReport.Render(MarkdownReportTests.Many(300), Options);
        Assert.Contains("<summary>300 findings</summary>", html, StringComparison.Ordinal);
        var printed = _directory.Combine("printed.html");
        var unstyled = _directory.Combine("unstyled.html");
        await File.WriteAllTextAsync(printed, html);
        await File.WriteAllTextAsync(unstyled, html.Replace("details::details-content", "details::unknown", StringComparison.Ordinal));

        var pages = await Chromium.PrintedPagesAsync(printed);
        var collapsedPages = await Chromium.PrintedPagesAsync(unstyled);

        Assert.True(pages >= 3 * collapsedPages, $"{pages} pages printed with the stylesheet, {collapsedPages} with the details left closed");
    }

    [GeneratedRegex("""\s(src|srcset|data|poster|background)\s*=""", RegexOptions.IgnoreCase)]
    private static partial Regex ResourceAttribute();
}
