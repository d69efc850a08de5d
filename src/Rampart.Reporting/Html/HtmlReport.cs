using System.Net;
using System.Text;
using Markdig;
using Markdig.Extensions.AutoIdentifiers;
using Rampart.Core.Results;
using Rampart.Reporting.Markdown;

namespace Rampart.Reporting.Html;

/// <summary>
/// The report as one self-contained HTML file: the Markdown report (never shortened) rendered by Markdig, with a small
/// embedded stylesheet for screen and paper. It loads nothing: a Content-Security-Policy forbids every external resource
/// and every script.
/// </summary>
public static class HtmlReport
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseAutoIdentifiers(AutoIdentifierOptions.GitHub)
        .Build();

    /// <summary>The HTML page; the size limit and marker of <paramref name="options"/> do not apply to it.</summary>
    public static string Render(ScanResults results, MarkdownOptions options)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(options);
        var markdown = MarkdownReport.Render(results, options with { MaxLength = null, MarkerKey = null });
        var body = Markdig.Markdown.ToHtml(markdown, Pipeline);
        var title = results.Gate.Failed ? "Rampart: the gate failed" : "Rampart: the gate passed";
        var page = new StringBuilder(body.Length + Stylesheet.Length + 1024);
        page.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
            .Append("<meta name=\"generator\" content=\"Rampart ").Append(WebUtility.HtmlEncode(results.Tool.Version)).Append("\">\n")
            .Append("<title>").Append(title).Append("</title>\n")
            .Append("<style>\n").Append(Stylesheet).Append("</style>\n</head>\n<body>\n<main>\n")
            .Append(body)
            .Append("</main>\n</body>\n</html>\n");
        return page.ToString();
    }

    /// <summary>Writes the page to <paramref name="path"/> atomically, as UTF-8 without a byte order mark.</summary>
    public static Task WriteAsync(ScanResults results, string path, MarkdownOptions options, CancellationToken cancellationToken = default)
    {
        var bytes = Encoding.UTF8.GetBytes(Render(results, options));
        return AtomicFile.WriteAsync(path, stream => stream.WriteAsync(bytes, cancellationToken).AsTask());
    }

    /// <summary>
    /// Readable on screen and paper. Printing opens every <c>details</c> block through <c>::details-content</c>, so the
    /// printed report is complete without script.
    /// </summary>
    private const string Stylesheet =
        """
        :root { color-scheme: light; --line: #d0d7de; --muted: #57606a; --head: #f6f8fa; }
        body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: #1f2328; background: #fff; }
        main { max-width: 72rem; margin: 0 auto; padding: 1.5rem; }
        h2 { font-size: 1.6rem; border-bottom: 1px solid var(--line); padding-bottom: .3rem; }
        h3 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid var(--line); padding-bottom: .2rem; overflow-wrap: anywhere; }
        h4 { font-size: 1.05rem; margin-top: 1.5rem; }
        li, p { overflow-wrap: anywhere; }
        table { border-collapse: collapse; margin: .5rem 0 1rem; width: 100%; font-size: .9rem; }
        th, td { border: 1px solid var(--line); padding: .3rem .5rem; vertical-align: top; text-align: left; overflow-wrap: break-word; }
        td:first-child, td code { overflow-wrap: anywhere; }
        th { background: var(--head); }
        tbody tr:nth-child(even) { background: #fbfcfd; }
        details { margin: .5rem 0 1rem; }
        summary { cursor: pointer; font-weight: 600; }
        sub { color: var(--muted); }
        blockquote { margin: 1rem 0; padding: .5rem 1rem; border-left: .25rem solid #bf8700; background: #fff8c5; }
        a { color: #0969da; }
        @media print {
          body { font-size: 10pt; }
          main { max-width: none; padding: 0; }
          h3 { break-before: auto; break-after: avoid; }
          h4 { break-after: avoid; }
          tr { break-inside: avoid; }
          a { color: inherit; text-decoration: none; }
          details::details-content { content-visibility: visible; display: contents; }
          summary { list-style: none; }
        }

        """;
}
