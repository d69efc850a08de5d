using System.Collections.Frozen;
using System.Text;
using System.Text.Json;
using CycloneDX.Models;

namespace Rampart.Reporting.CycloneDx;

/// <summary>
/// Turns license strings as packages declare them into CycloneDX license choices: a known SPDX id becomes <c>license.id</c>,
/// valid compound SPDX expressions become one <c>expression</c>, anything else <c>license.name</c>.
/// </summary>
internal static class SpdxLicenses
{
    private static readonly Lazy<FrozenDictionary<string, string>> Ids = new(LoadIds);

    /// <summary>The CycloneDX license choices for <paramref name="declared"/>, or <see langword="null"/> when nothing is declared.</summary>
    public static List<LicenseChoice>? ToLicenseChoices(IEnumerable<string> declared)
    {
        var values = declared.Select(d => d.Trim()).Where(d => d.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (values.Count == 0)
        {
            return null;
        }

        var classified = values.Select(Classify).ToList();

        // The schema allows either license objects or exactly one expression, never both, so expressions join into one
        // only when every value is valid SPDX; otherwise each value stands alone as an id or a name.
        if (classified.All(c => c.Spdx is not null) && classified.Any(c => c.IsCompound))
        {
            var parts = classified.Select(c => c.Spdx!).Distinct(StringComparer.Ordinal).ToList();
            var expression = parts.Count == 1 ? parts[0] : string.Join(" AND ", parts.Select(p => p.Contains(' ', StringComparison.Ordinal) ? $"({p})" : p));
            return [new LicenseChoice { Expression = expression, Acknowledgement = LicenseAcknowledgementEnumeration.Declared }];
        }

        return classified
            .Select(c => c.IsCompound || c.Spdx is null
                ? new License { Name = c.Text, Acknowledgement = LicenseAcknowledgementEnumeration.Declared }
                : new License { Id = c.Spdx, Acknowledgement = LicenseAcknowledgementEnumeration.Declared })
            .DistinctBy(l => (l.Id, l.Name))
            .Select(l => new LicenseChoice { License = l })
            .ToList();
    }

    private static Classified Classify(string text)
    {
        if (Ids.Value.TryGetValue(text, out var id))
        {
            return new Classified(text, id, IsCompound: false);
        }

        var normalized = ExpressionParser.Normalize(text, Ids.Value);
        return new Classified(text, normalized, IsCompound: normalized is not null);
    }

    /// <summary>The SPDX license ids from the schema CycloneDX.Core embeds, keyed case-insensitively to their canonical spelling.</summary>
    private static FrozenDictionary<string, string> LoadIds()
    {
        using var stream = typeof(Bom).Assembly.GetManifestResourceStream("CycloneDX.Core.Schemas.spdx.schema.json")
            ?? throw new InvalidOperationException("CycloneDX.Core no longer embeds spdx.schema.json.");
        using var document = JsonDocument.Parse(stream);
        return document.RootElement.GetProperty("enum")
            .EnumerateArray()
            .Select(e => e.GetString()!)
            .DistinctBy(id => id, StringComparer.OrdinalIgnoreCase)
            .ToFrozenDictionary(id => id, id => id, StringComparer.OrdinalIgnoreCase);
    }

    /// <param name="Text">The value as declared.</param>
    /// <param name="Spdx">The canonical SPDX id or expression, when the value is valid SPDX.</param>
    /// <param name="IsCompound">True for an expression that is not a single known id.</param>
    private sealed record Classified(string Text, string? Spdx, bool IsCompound);

    /// <summary>
    /// Recursive descent over the SPDX license expression grammar (SPDX 2.3 annex D): <c>or := and (OR and)*</c>,
    /// <c>and := term (AND term)*</c>, <c>term := '(' or ')' | license ['+'] [WITH exception]</c>.
    /// </summary>
    private sealed class ExpressionParser
    {
        private readonly List<string> _tokens;
        private readonly FrozenDictionary<string, string> _ids;
        private readonly StringBuilder _output = new();
        private int _position;

        private ExpressionParser(List<string> tokens, FrozenDictionary<string, string> ids)
        {
            _tokens = tokens;
            _ids = ids;
        }

        /// <summary>The expression with canonical ids and upper-case operators, or <see langword="null"/> when it is not valid SPDX.</summary>
        public static string? Normalize(string text, FrozenDictionary<string, string> ids)
        {
            var parser = new ExpressionParser(Tokenize(text), ids);
            return parser.ParseOr() && parser._position == parser._tokens.Count ? parser._output.ToString() : null;
        }

        private static List<string> Tokenize(string text)
        {
            var tokens = new List<string>();
            var current = new StringBuilder();
            foreach (var c in text)
            {
                if (char.IsWhiteSpace(c) || c is '(' or ')')
                {
                    if (current.Length > 0)
                    {
                        tokens.Add(current.ToString());
                        current.Clear();
                    }

                    if (c is '(' or ')')
                    {
                        tokens.Add(c.ToString());
                    }
                }
                else
                {
                    current.Append(c);
                }
            }

            if (current.Length > 0)
            {
                tokens.Add(current.ToString());
            }

            return tokens;
        }

        private bool ParseOr() => ParseSequence("OR", ParseAnd);

        private bool ParseAnd() => ParseSequence("AND", ParseTerm);

        private bool ParseSequence(string op, Func<bool> operand)
        {
            if (!operand())
            {
                return false;
            }

            while (TryOperator(op))
            {
                _output.Append(' ').Append(op).Append(' ');
                if (!operand())
                {
                    return false;
                }
            }

            return true;
        }

        private bool ParseTerm()
        {
            if (Peek() == "(")
            {
                _position++;
                _output.Append('(');
                if (!ParseOr() || Peek() != ")")
                {
                    return false;
                }

                _position++;
                _output.Append(')');
                return true;
            }

            if (!TryLicense())
            {
                return false;
            }

            if (TryOperator("WITH"))
            {
                var exception = Peek();
                if (exception is null || !IsIdString(exception))
                {
                    return false;
                }

                _position++;
                _output.Append(" WITH ").Append(exception);
            }

            return true;
        }

        private bool TryLicense()
        {
            var token = Peek();
            if (token is null || IsOperator(token) || token is "(" or ")")
            {
                return false;
            }

            string? license = null;
            if (_ids.TryGetValue(token, out var id))
            {
                license = id;
            }
            else if (token.EndsWith('+') && _ids.TryGetValue(token[..^1], out var orLater))
            {
                license = orLater + "+";
            }
            else if (IsLicenseRef(token))
            {
                license = token;
            }

            if (license is null)
            {
                return false;
            }

            _position++;
            _output.Append(license);
            return true;
        }

        private bool TryOperator(string op)
        {
            var token = Peek();
            if (token is not null && token.Equals(op, StringComparison.OrdinalIgnoreCase) && (token.All(char.IsUpper) || token.All(char.IsLower)))
            {
                _position++;
                return true;
            }

            return false;
        }

        private string? Peek() => _position < _tokens.Count ? _tokens[_position] : null;

        private static bool IsOperator(string token) =>
            token is "AND" or "OR" or "WITH" or "and" or "or" or "with";

        private static bool IsLicenseRef(string token)
        {
            var local = token;
            if (token.StartsWith("DocumentRef-", StringComparison.Ordinal))
            {
                var colon = token.IndexOf(':', StringComparison.Ordinal);
                if (colon < 0 || !IsIdString(token["DocumentRef-".Length..colon]))
                {
                    return false;
                }

                local = token[(colon + 1)..];
            }

            return local.StartsWith("LicenseRef-", StringComparison.Ordinal) && IsIdString(local["LicenseRef-".Length..]);
        }

        private static bool IsIdString(string value) =>
            value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.');
    }
}
