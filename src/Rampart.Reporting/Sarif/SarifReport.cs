using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Rampart.Core.Findings;
using Rampart.Core.Results;
using Rampart.Reporting.Markdown;
using Rampart.Reporting.Results;

namespace Rampart.Reporting.Sarif;

/// <summary>
/// SARIF 2.1.0 for GitHub code scanning: one run per image, categorised by the image's name without tag or digest so
/// alerts carry over from one tag to the next; rules with help and <c>security-severity</c>; results on Dockerfile
/// lines when known, else on the image path with the image and layer as a logical location; waived findings as
/// accepted suppressions; each result's properties say whether the base image or the application made it (origin).
/// </summary>
public static class SarifReport
{
    private const string FingerprintKey = "rampartFinding/v1";

    /// <summary>Locations written per result; code scanning keeps at most 1,000.</summary>
    private const int MaxLocations = 100;

    /// <summary>Tags on every rule; code scanning treats rules tagged "security" as security alerts.</summary>
    private static readonly string[] BaseTags = ["security", "container", "hardening"];

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        IndentSize = 2,
        NewLine = "\n",
        // UTF-8 JSON read by tools, never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Render(ScanResults results, SarifOptions options)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(options);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("$schema", "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json");
            json.WriteString("version", "2.1.0");
            json.WriteStartArray("runs");
            foreach (var image in results.Images)
            {
                WriteRun(json, results, image, options);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>Writes the log to <paramref name="path"/> atomically.</summary>
    public static Task WriteAsync(ScanResults results, string path, SarifOptions options, CancellationToken cancellationToken = default)
    {
        var bytes = Encoding.UTF8.GetBytes(Render(results, options));
        return AtomicFile.WriteAsync(path, stream => stream.WriteAsync(bytes, cancellationToken).AsTask());
    }

    /// <summary>
    /// The run's category: <c>rampart/</c>, the image name without scheme, tag or digest, and a slash
    /// (<c>registry:registry.example.com/team/app:1.4</c> gives <c>rampart/registry.example.com/team/app/</c>).
    /// </summary>
    public static string Category(string reference) => $"rampart/{ImageReferences.Repository(reference)}/";

    private static void WriteRun(Utf8JsonWriter json, ScanResults results, ImageResult image, SarifOptions options)
    {
        var rules = RulesOf(image, options);
        var index = rules.Select((r, i) => (r.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        json.WriteStartObject();
        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", "Rampart");
        json.WriteString("version", results.Tool.Version);
        if (options.RulesDocumentUrl is { } document)
        {
            json.WriteString("informationUri", document.AbsoluteUri);
        }

        json.WriteStartArray("rules");
        foreach (var rule in rules)
        {
            WriteRule(json, rule, options);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteStartObject("automationDetails");
        json.WriteString("id", Category(image.Reference));
        json.WriteEndObject();
        json.WriteString("columnKind", "utf16CodeUnits");
        json.WriteStartArray("results");
        foreach (var finding in image.Hardening.Findings)
        {
            WriteResult(json, image, finding, index[finding.RuleId], options);
        }

        json.WriteEndArray();
        json.WriteStartObject("properties");
        json.WriteString("image", image.Reference);
        json.WriteString("imageId", image.ImageId);
        if (image.Digest is { } digest)
        {
            json.WriteString("digest", digest);
        }

        json.WriteString("platform", image.Platform);
        json.WriteNumber("hardeningScore", image.Hardening.Score);
        json.WriteString("grade", image.Hardening.Grade);
        if (image.LockIn is { } lockIn)
        {
            json.WriteNumber("lockInScore", lockIn.Score);
            json.WriteString("lockInLevel", lockIn.Level.ToString().ToLowerInvariant());
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>
    /// Every catalog rule, and rules the image's findings name that the catalog lacks, by id. A rule's severity is the
    /// worst of its findings in this image (policy may have changed it), else its default.
    /// </summary>
    private static List<SarifRule> RulesOf(ImageResult image, SarifOptions options)
    {
        var worst = image.Hardening.Findings
            .GroupBy(f => f.RuleId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Max(f => f.Severity), StringComparer.Ordinal);
        var rules = new SortedDictionary<string, SarifRule>(StringComparer.Ordinal);
        foreach (var rule in options.Rules)
        {
            rules.TryAdd(rule.Id, new SarifRule(rule.Id, rule.Title, rule.Rationale, rule.Remediation, rule.References, worst.GetValueOrDefault(rule.Id, rule.DefaultSeverity), FromCatalog: true));
        }

        foreach (var finding in image.Hardening.Findings.Where(f => !rules.ContainsKey(f.RuleId)))
        {
            rules[finding.RuleId] = new SarifRule(finding.RuleId, finding.Title, finding.Title, finding.Remediation ?? string.Empty, finding.References, worst[finding.RuleId], FromCatalog: false);
        }

        return [.. rules.Values];
    }

    private static void WriteRule(Utf8JsonWriter json, SarifRule rule, SarifOptions options)
    {
        var helpUri = options.RulesDocumentUrl is { } document
            ? $"{document.AbsoluteUri}#{MarkdownText.Anchor(rule.FromCatalog ? $"{rule.Id}: {rule.Title}" : rule.Id)}"
            : null;
        json.WriteStartObject();
        json.WriteString("id", rule.Id);
        json.WriteString("name", PascalCase(rule.Title));
        WriteMessage(json, "shortDescription", rule.Title);
        WriteMessage(json, "fullDescription", rule.Rationale);
        json.WriteStartObject("help");
        var references = rule.References.Count == 0 ? string.Empty : $"\n\nReferences: {string.Join(", ", rule.References)}.";
        json.WriteString("text", $"{rule.Rationale}\n\nRemediation: {rule.Remediation}{references}");
        // Catalog texts are Rampart's own Markdown; texts taken from a results file's findings are escaped like any image text.
        Func<string, string> text = rule.FromCatalog ? t => t : t => MarkdownText.Escape(t, int.MaxValue);
        var markdown = new StringBuilder()
            .Append(text(rule.Rationale))
            .Append("\n\n**Remediation:** ").Append(text(rule.Remediation));
        if (rule.References.Count > 0)
        {
            markdown.Append("\n\n**References:** ").AppendJoin(", ", rule.References.Select(text));
        }

        if (helpUri is not null)
        {
            markdown.Append("\n\n").Append(MarkdownText.Link($"{rule.Id} in the Rampart rules", helpUri));
        }

        json.WriteString("markdown", markdown.ToString());
        json.WriteEndObject();
        if (helpUri is not null)
        {
            json.WriteString("helpUri", helpUri);
        }

        json.WriteStartObject("defaultConfiguration");
        json.WriteString("level", Level(rule.Severity));
        json.WriteEndObject();
        json.WriteStartObject("properties");
        if (SecuritySeverity(rule.Severity) is { } score)
        {
            json.WriteString("security-severity", score);
        }

        json.WriteString("precision", "high");
        json.WriteStartArray("tags");
        foreach (var tag in BaseTags.Concat(rule.References))
        {
            json.WriteStringValue(tag);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter json, ImageResult image, ReportedFinding finding, int ruleIndex, SarifOptions options)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", finding.RuleId);
        json.WriteNumber("ruleIndex", ruleIndex);
        json.WriteString("level", Level(finding.Severity));
        var message = new StringBuilder(finding.Title.TrimEnd('.'));
        if (finding.Evidence is { Length: > 0 } evidence)
        {
            message.Append(". Evidence: ").Append(evidence.TrimEnd('.'));
        }

        message.Append(". Image: ").Append(image.Reference).Append('.');
        WriteMessage(json, "message", message.ToString());
        json.WriteStartArray("locations");
        if (finding.Dockerfile is { } line)
        {
            json.WriteStartObject();
            json.WriteStartObject("physicalLocation");
            json.WriteStartObject("artifactLocation");
            json.WriteString("uri", DockerfileUri(line.Path, options.SourceRoot));
            json.WriteEndObject();
            json.WriteStartObject("region");
            json.WriteNumber("startLine", Math.Max(1, line.Line));
            json.WriteEndObject();
            json.WriteEndObject();
            WriteLogicalLocation(json, image, finding.Locations.Count > 0 ? finding.Locations[0].Layer : null);
            json.WriteEndObject();
        }
        else if (finding.Locations.Count == 0)
        {
            WriteImageLocation(json, image, new FindingLocation(image.Reference, null));
        }

        foreach (var location in finding.Dockerfile is null ? finding.Locations.Take(MaxLocations) : [])
        {
            WriteImageLocation(json, image, location);
        }

        json.WriteEndArray();
        json.WriteStartObject("partialFingerprints");
        json.WriteString(FingerprintKey, Fingerprint(finding));
        json.WriteEndObject();
        if (finding.Waived)
        {
            json.WriteStartArray("suppressions");
            json.WriteStartObject();
            json.WriteString("kind", "external");
            json.WriteString("status", "accepted");
            var waiver = finding.Waiver;
            var until = waiver?.Expires is { } expires ? string.Create(CultureInfo.InvariantCulture, $" (until {expires:yyyy-MM-dd})") : string.Empty;
            json.WriteString("justification", $"{waiver?.Reason ?? "Waived by policy"}{until}");
            json.WriteEndObject();
            json.WriteEndArray();
        }

        json.WriteStartObject("properties");
        json.WriteString("severity", finding.Severity.ToString().ToLowerInvariant());
        json.WriteString("origin", finding.Origin.ToString().ToLowerInvariant());
        json.WriteString("image", image.Reference);
        json.WriteStartArray("paths");
        foreach (var path in finding.Locations.Select(l => l.Path).OfType<string>())
        {
            json.WriteStringValue(path);
        }

        json.WriteEndArray();
        if (finding.Remediation is { } remediation)
        {
            json.WriteString("remediation", remediation);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteImageLocation(Utf8JsonWriter json, ImageResult image, FindingLocation location)
    {
        json.WriteStartObject();
        json.WriteStartObject("physicalLocation");
        json.WriteStartObject("artifactLocation");
        json.WriteString("uri", EncodePath((location.Path ?? image.Reference).TrimStart('/')));
        json.WriteEndObject();
        json.WriteEndObject();
        WriteLogicalLocation(json, image, location.Layer);
        json.WriteEndObject();
    }

    private static void WriteLogicalLocation(Utf8JsonWriter json, ImageResult image, int? layer)
    {
        json.WriteStartArray("logicalLocations");
        json.WriteStartObject();
        if (layer is { } index)
        {
            var side = image.IsBaseLayer(index) switch
            {
                true => " (base image)",
                false => " (application)",
                null => string.Empty,
            };
            json.WriteString("name", string.Create(CultureInfo.InvariantCulture, $"layer {index}{side}"));
            json.WriteString("fullyQualifiedName", string.Create(CultureInfo.InvariantCulture, $"{image.Reference} layer {index}"));
        }
        else
        {
            json.WriteString("name", image.Reference);
            json.WriteString("fullyQualifiedName", image.Reference);
        }

        json.WriteString("kind", "resource");
        json.WriteEndObject();
        json.WriteEndArray();
    }

    private static void WriteMessage(Utf8JsonWriter json, string name, string text)
    {
        json.WriteStartObject(name);
        json.WriteString("text", text.Length == 0 ? "-" : text);
        json.WriteEndObject();
    }

    /// <summary>
    /// The Dockerfile's path as a URI relative to the repository root; an absolute path outside the root stays an
    /// absolute <c>file:</c> URI.
    /// </summary>
    private static string DockerfileUri(string path, string? sourceRoot)
    {
        if (Path.IsPathRooted(path))
        {
            if (sourceRoot is not null)
            {
                var relative = Path.GetRelativePath(Path.GetFullPath(sourceRoot), Path.GetFullPath(path));
                if (!relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative))
                {
                    return EncodePath(relative.Replace('\\', '/'));
                }
            }

            return new Uri(Path.GetFullPath(path)).AbsoluteUri;
        }

        var normalized = path.Replace('\\', '/');
        while (normalized.StartsWith("./", StringComparison.Ordinal))
        {
            normalized = normalized[2..];
        }

        return EncodePath(normalized);
    }

    /// <summary>Percent-encodes all but unreserved characters and '/', so any path is a valid relative URI reference.</summary>
    private static string EncodePath(string path)
    {
        if (path.Length == 0)
        {
            return "%2F";
        }

        var builder = new StringBuilder(path.Length);
        foreach (var b in Encoding.UTF8.GetBytes(path))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~' or '/')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    /// <summary>Stable across builds and tags: the rule, the image paths (or the Dockerfile when there are none) and the title.</summary>
    private static string Fingerprint(ReportedFinding finding) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{finding.IdentityKey}\n{finding.Title}")));

    private static string Level(Severity severity) => severity switch
    {
        Severity.Critical or Severity.High => "error",
        Severity.Medium => "warning",
        _ => "note",
    };

    /// <summary>
    /// Scores code scanning reads as critical (over 9.0), high (7.0–8.9), medium (4.0–6.9) and low (up to 3.9).
    /// Informational rules get none, so code scanning shows them by level (note) rather than as low-severity security alerts.
    /// </summary>
    private static string? SecuritySeverity(Severity severity) => severity switch
    {
        Severity.Critical => "9.5",
        Severity.High => "8.0",
        Severity.Medium => "5.5",
        Severity.Low => "3.0",
        _ => null,
    };

    /// <summary><c>Image runs as root by default</c> becomes <c>ImageRunsAsRootByDefault</c>.</summary>
    private static string PascalCase(string title)
    {
        var builder = new StringBuilder(title.Length);
        var upper = true;
        foreach (var c in title)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                upper = true;
                continue;
            }

            builder.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }

        return builder.Length == 0 ? "Rule" : builder.ToString();
    }

    private sealed record SarifRule(
        string Id,
        string Title,
        string Rationale,
        string Remediation,
        IReadOnlyList<string> References,
        Severity Severity,
        bool FromCatalog);
}
