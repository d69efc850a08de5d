using System.Globalization;
using System.Text;

namespace Rampart.Reporting.Markdown;

/// <summary>
/// Markdown assembled from fixed text and table rows that may be dropped. Rendered within a size budget, it drops the
/// least important rows first (lowest rank; among equals, the last ones), says under each cut table how many rows are
/// missing, and says at the notice slot what was cut and where the full report is.
/// </summary>
internal sealed class BudgetedDocument
{
    private readonly List<object> _parts = [];

    public void Text(string text) => _parts.Add(text);

    public void Line(string line = "") => _parts.Add(line + "\n");

    /// <summary>Where the notice goes when rows had to be cut.</summary>
    public void NoticeSlot() => _parts.Add(NoticeMarker.Instance);

    /// <summary>A table with <paramref name="header"/> (the header and delimiter lines); <paramref name="what"/> names its rows in the cut note.</summary>
    public Table AddTable(string header, string what)
    {
        var table = new Table(header, what);
        _parts.Add(table);
        return table;
    }

    public string Render(int? budget, string? fullReport)
    {
        var whole = Assemble(string.Empty, fullReport);
        if (budget is null || Size(whole) <= budget)
        {
            return whole;
        }

        var tables = _parts.OfType<Table>().ToList();

        var total = _parts.Sum(p => p switch
        {
            string text => Size(text),
            Table table => table.FixedSize + table.Rows.Sum(r => r.Size),
            _ => 0,
        });
        var candidates = tables
            .SelectMany((table, t) => table.Rows.Select((row, r) => (Table: table, TableIndex: t, RowIndex: r, Row: row)))
            .OrderBy(c => c.Row.Rank)
            .ThenByDescending(c => c.TableIndex)
            .ThenByDescending(c => c.RowIndex)
            .ToList();
        var cut = 0;
        var notes = 0;
        foreach (var candidate in candidates)
        {
            if (total + notes + Size(Notice(cut, budget.Value, fullReport)) <= budget)
            {
                break;
            }

            notes -= candidate.Table.NoteSize(fullReport);
            candidate.Row.Kept = false;
            candidate.Table.Cut++;
            notes += candidate.Table.NoteSize(fullReport);
            total -= candidate.Row.Size;
            cut++;
        }

        var text = Assemble(Notice(cut, budget.Value, fullReport), fullReport);
        return Size(text) <= budget ? text : HardCut(text, budget.Value, fullReport);
    }

    private static int Size(string text) => Encoding.UTF8.GetByteCount(text);

    private static string Notice(int cut, int budget, string? fullReport) => cut == 0
        ? string.Empty
        : string.Create(
            CultureInfo.InvariantCulture,
            $"> ✂️ **This report was shortened to fit {budget:N0} bytes**: {cut:N0} table {(cut == 1 ? "row is" : "rows are")} not shown, least important first (waived and low-severity findings, package lists); each shortened table says how many rows it lost.{Where(fullReport)}\n\n");

    private static string Where(string? fullReport) =>
        fullReport is null ? string.Empty : $" The full report: {MarkdownText.Escape(fullReport, int.MaxValue)}.";

    /// <summary>
    /// The last resort when fixed text alone is over the budget (hundreds of images): cut at a line boundary and say so,
    /// closing a details block left open at that line.
    /// </summary>
    private static string HardCut(string text, int budget, string? fullReport)
    {
        var notice = $"\n> ✂️ **The report stops here**: it is longer than {budget.ToString("N0", CultureInfo.InvariantCulture)} bytes even without its tables.{Where(fullReport)}\n";
        const string Close = "\n</details>\n";
        var room = budget - Size(notice) - Size(Close);
        var end = 0;
        var size = 0;
        while (end < text.Length)
        {
            var next = text.IndexOf('\n', end);
            var line = next < 0 ? text.Length : next + 1;
            size += Size(text[end..line]);
            if (size > room)
            {
                break;
            }

            end = line;
        }

        var kept = text[..end];
        var open = Count(kept, "<details") - Count(kept, "</details>");
        return string.Concat(kept, open > 0 ? Close : string.Empty, notice);
    }

    private static int Count(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private string Assemble(string notice, string? fullReport)
    {
        var builder = new StringBuilder();
        foreach (var part in _parts)
        {
            switch (part)
            {
                case string text:
                    builder.Append(text);
                    break;
                case Table table:
                    table.AppendTo(builder, fullReport);
                    break;
                default:
                    builder.Append(notice);
                    break;
            }
        }

        return builder.ToString();
    }

    private sealed class NoticeMarker
    {
        public static NoticeMarker Instance { get; } = new();
    }

    /// <summary>One line of a table and how much it matters; higher ranks are kept longer.</summary>
    internal sealed class Row(string text, int rank)
    {
        public string Text { get; } = text + "\n";

        public int Rank { get; } = rank;

        public int Size { get; } = Encoding.UTF8.GetByteCount(text) + 1;

        public bool Kept { get; set; } = true;
    }

    internal sealed class Table(string header, string what)
    {
        public List<Row> Rows { get; } = [];

        public int Cut { get; set; }

        /// <summary>The header and the blank line that ends the table.</summary>
        public int FixedSize => Encoding.UTF8.GetByteCount(header) + 1;

        public void Add(string text, int rank) => Rows.Add(new Row(text, rank));

        public int NoteSize(string? fullReport) => Cut == 0 ? 0 : Encoding.UTF8.GetByteCount(Note(fullReport));

        public void AppendTo(StringBuilder builder, string? fullReport)
        {
            builder.Append(header);
            foreach (var row in Rows.Where(r => r.Kept))
            {
                builder.Append(row.Text);
            }

            builder.Append('\n');
            if (Cut > 0)
            {
                builder.Append(Note(fullReport));
            }
        }

        private string Note(string? fullReport) => string.Create(
            CultureInfo.InvariantCulture,
            $"_{Cut:N0} of {Rows.Count:N0} {what} not shown to fit the size limit.{Where(fullReport)}_\n\n");
    }
}
