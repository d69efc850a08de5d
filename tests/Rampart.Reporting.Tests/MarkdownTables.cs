using System.Text;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Rampart.Reporting.Tests;

/// <summary>Reads Markdown back with Markdig (pipe tables on), to check structure rather than text.</summary>
internal static class MarkdownTables
{
    public static MarkdownPipeline Pipeline { get; } = new MarkdownPipelineBuilder().UsePipeTables().Build();

    public static MarkdownDocument Parse(string markdown) => Markdig.Markdown.Parse(markdown, Pipeline);

    /// <summary>Every table whose first header cell reads <paramref name="firstHeader"/>, in document order.</summary>
    public static List<Table> WithFirstHeader(string markdown, string firstHeader) =>
        Parse(markdown).Descendants<Table>()
            .Where(t => t.Count > 0 && CellText((TableRow)t[0], 0) == firstHeader)
            .ToList();

    public static int DataRows(Table table) => table.OfType<TableRow>().Count(r => !r.IsHeader);

    public static IReadOnlyList<TableRow> Rows(Table table) => table.OfType<TableRow>().Where(r => !r.IsHeader).ToList();

    public static int Columns(TableRow row) => row.Count;

    /// <summary>The plain text of one cell: literals, entities and code, markup removed.</summary>
    public static string CellText(TableRow row, int column)
    {
        var text = new StringBuilder();
        foreach (var inline in ((TableCell)row[column]).Descendants<Inline>())
        {
            text.Append(inline switch
            {
                LiteralInline literal => literal.Content.ToString(),
                HtmlEntityInline entity => entity.Transcoded.ToString(),
                CodeInline code => code.Content,
                _ => string.Empty,
            });
        }

        return text.ToString().Trim();
    }
}
