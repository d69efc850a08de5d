using System.Globalization;
using System.Text;
using Rampart.Core.Findings;
using Rampart.Core.LockIn;
using Rampart.Core.Results;

namespace Rampart.Reporting.Markdown;

/// <summary>
/// The Markdown report, one renderer for the pull-request comment, the job summary and the HTML report: the verdict
/// first, then per image what changed since the baseline, the findings that matter, SBOM statistics and lock-in.
/// Everything that came from an image is escaped (<see cref="MarkdownText.Escape"/>).
/// </summary>
public static class MarkdownReport
{
    /// <summary>How many gate reasons are listed before the rest are counted.</summary>
    private const int ListedReasons = 20;

    /// <summary>How many packages without a counterpart the exit path names before the rest are counted.</summary>
    private const int ListedExitPackages = 20;

    public static string Render(ScanResults results, MarkdownOptions options)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(options);
        var document = new BudgetedDocument();
        var composer = new Composer(results, options, document);
        composer.Compose();
        return document.Render(options.MaxLength, options.FullReportLocation);
    }

    /// <summary>Writes the report to <paramref name="path"/> atomically, as UTF-8 without a byte order mark.</summary>
    public static Task WriteAsync(ScanResults results, string path, MarkdownOptions options, CancellationToken cancellationToken = default)
    {
        var bytes = Encoding.UTF8.GetBytes(Render(results, options));
        return AtomicFile.WriteAsync(path, stream => stream.WriteAsync(bytes, cancellationToken).AsTask());
    }

    private sealed class Composer(ScanResults results, MarkdownOptions options, BudgetedDocument document)
    {
        private readonly Dictionary<string, string> _ruleTitles = options.Rules
            .GroupBy(r => r.Id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Title, StringComparer.Ordinal);

        public void Compose()
        {
            if (options.MarkerKey is { } key)
            {
                document.Line(Marker(key));
            }

            Verdict();
            document.NoticeSlot();
            if (results.Fleet is { } fleet)
            {
                Fleet(fleet);
            }

            foreach (var image in results.Images)
            {
                Image(image);
            }

            document.Line(Invariant($"<sub>Rampart {MarkdownText.Escape(results.Tool.Version)} · results schema {MarkdownText.Escape(results.SchemaVersion)} · {results.GeneratedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC</sub>"));
        }

        private static string Marker(string key)
        {
            if (key.Length == 0 || !key.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '/'))
            {
                throw new ArgumentException($"'{key}' is not a marker key: use letters, digits, '.', '_', '-' and '/' only.", nameof(key));
            }

            return $"<!-- rampart:{key} -->";
        }

        private void Verdict()
        {
            var gate = results.Gate;
            document.Line(gate.Failed ? "## ❌ Rampart: the gate failed" : "## ✅ Rampart: the gate passed");
            document.Line();
            var hardening = gate.FailOn is { } failOn ? $"fails on findings at **{Name(failOn)}** or worse" : "findings never fail it";
            var lockIn = gate.FailOnLockIn is { } level ? $"on lock-in **{Name(level)}** or higher" : "lock-in never fails it";
            document.Line($"The gate {hardening}; {lockIn}.");
            document.Line();
            if (results.Images.Count == 0)
            {
                document.Line("No images were scanned.");
                document.Line();
            }

            foreach (var image in results.Images)
            {
                document.Line($"- {GateMark(image)} **{MarkdownText.Escape(image.Reference)}**: {Headline(image)}");
            }

            document.Line();
            if (gate.Reasons.Count > 0)
            {
                document.Line("**Why it failed:**");
                document.Line();
                foreach (var reason in gate.Reasons.Take(ListedReasons))
                {
                    document.Line($"- {MarkdownText.Escape(reason.Message, int.MaxValue)}");
                }

                if (gate.Reasons.Count > ListedReasons)
                {
                    document.Line(Invariant($"- … and {gate.Reasons.Count - ListedReasons:N0} more reasons (see the results file)"));
                }

                document.Line();
            }
        }

        private string GateMark(ImageResult image) => results.Gate.FailedFor(image.Reference) ? "❌" : "✅";

        private string Headline(ImageResult image)
        {
            var text = new StringBuilder();
            text.Append(CultureInfo.InvariantCulture, $"Hardening **{MarkdownText.Escape(image.Hardening.Grade)}** ({image.Hardening.Score}/100)");
            if (image.LockIn is { } lockIn)
            {
                text.Append(CultureInfo.InvariantCulture, $" · lock-in **{Name(lockIn.Level)}** ({MarkdownText.Number(lockIn.Score)}/100, {MarkdownText.Escape(lockIn.Vendor)})");
            }

            text.Append(" · gate ").Append(results.Gate.FailedFor(image.Reference) ? "**failed**" : "passed");
            text.Append(" · ").Append(Counts(image.Hardening.Counts));
            return text.ToString();
        }

        private static string Counts(SeverityCounts counts)
        {
            var parts = Enum.GetValues<Severity>().Reverse()
                .Where(s => counts.Of(s) > 0)
                .Select(s => Invariant($"{counts.Of(s):N0} {Name(s)}"))
                .ToList();
            if (counts.Waived > 0)
            {
                parts.Add(Invariant($"{counts.Waived:N0} waived"));
            }

            return parts.Count == 0 ? "no findings" : string.Join(" · ", parts);
        }

        private void Fleet(FleetResult fleet)
        {
            document.Line(Invariant($"### Fleet: {fleet.ImageCount} images"));
            document.Line();
            var table = document.AddTable(
                "| Image | Gate | Hardening | Critical | High | Medium | Low | Info | Lock-in | Vendor | Distro |\n|---|---|---|--:|--:|--:|--:|--:|---|---|---|\n",
                "images");
            foreach (var image in results.Images)
            {
                var counts = image.Hardening.Counts;
                var lockIn = image.LockIn;
                table.Add(
                    Invariant($"| {MarkdownText.Escape(image.Reference)} | {GateMark(image)} | {MarkdownText.Escape(image.Hardening.Grade)} {image.Hardening.Score} | {counts.Critical} | {counts.High} | {counts.Medium} | {counts.Low} | {counts.Info} | {(lockIn is null ? "–" : $"{Name(lockIn.Level)} {MarkdownText.Number(lockIn.Score)}")} | {MarkdownText.Escape(lockIn?.Vendor ?? "–")} | {MarkdownText.Escape(lockIn?.Distro ?? "–")} |"),
                    Rank.Fleet);
            }

            document.Line(Invariant($"Mean hardening score {MarkdownText.Number(fleet.MeanHardeningScore)}; worst grade {MarkdownText.Escape(fleet.WorstGrade)}."));
            if (fleet.LockIn is { } fleetLockIn)
            {
                document.Line(Invariant(
                    $"Lock-in across the {fleetLockIn.ImageCount} assessed images: **{MarkdownText.Escape(fleetLockIn.LargestVendor)}** supplies {fleetLockIn.LargestVendorShare * 100:0}% of them; heterogeneity {fleetLockIn.Heterogeneity:0.00} (0: one distribution, 1: every image a different one); {fleetLockIn.SwitchingSurface} distinct migration paths (family, libc, package format); mean lock-in score {MarkdownText.Number(fleetLockIn.MeanScore)}."));
            }

            document.Line();
        }

        private void Image(ImageResult image)
        {
            document.Line($"### {GateMark(image)} {MarkdownText.Escape(image.Reference)}");
            document.Line();
            document.Line(Identity(image));
            document.Line();
            document.Line(Headline(image));
            document.Line();
            if (image.Baseline is { } baseline)
            {
                Changes(image, baseline);
            }

            Findings(image);
            Sbom(image);
            if (image.LockIn is { } lockIn)
            {
                LockIn(lockIn);
            }
        }

        private static string Identity(ImageResult image)
        {
            var parts = new List<string> { MarkdownText.Escape(image.Platform) };
            if (image.Os is { } os)
            {
                parts.Add(MarkdownText.Escape(os.PrettyName ?? $"{os.Name ?? os.Id} {os.VersionId}".Trim()));
            }

            parts.Add($"image id {MarkdownText.Escape(Short(image.ImageId))}");
            if (image.Digest is { } digest)
            {
                parts.Add($"digest {MarkdownText.Escape(Short(digest))}");
            }

            parts.Add(image.FirstApplicationLayer is { } first
                ? Invariant($"{image.LayerCount} layers, the application's from layer {first}")
                : Invariant($"{image.LayerCount} layers"));
            return string.Join(" · ", parts);
        }

        private static string Short(string digest)
        {
            var colon = digest.IndexOf(':', StringComparison.Ordinal);
            return colon >= 0 && digest.Length > colon + 13 ? digest[..(colon + 13)] : digest;
        }

        private void Changes(ImageResult image, BaselineComparison baseline)
        {
            document.Line($"#### What changed since {MarkdownText.Escape(baseline.Reference)}");
            document.Line();
            if (baseline.HardeningScoreDelta is { } delta)
            {
                document.Line(Invariant($"- Hardening: {MarkdownText.Escape(baseline.BaselineGrade)} {baseline.BaselineHardeningScore} → {MarkdownText.Escape(image.Hardening.Grade)} {image.Hardening.Score} ({Signed(delta)})"));
            }

            if (baseline.LockInScoreDelta is { } lockInDelta)
            {
                document.Line(Invariant($"- Lock-in: {Name(baseline.BaselineLockInLevel!.Value)} {MarkdownText.Number(baseline.BaselineLockInScore!.Value)} → {Name(image.LockIn!.Level)} {MarkdownText.Number(image.LockIn.Score)} ({Signed(lockInDelta)})"));
            }

            if (baseline.Findings is { } findings)
            {
                document.Line(Invariant($"- Findings: {findings.New.Count:N0} new, {findings.Resolved.Count:N0} resolved"));
            }
            else
            {
                document.Line($"- Findings: not compared, the baseline {MarkdownText.Escape(baseline.Source)} is an SBOM (packages only)");
            }

            var packages = baseline.Packages;
            document.Line(Invariant($"- Packages: {packages.Added.Count:N0} added, {packages.Removed.Count:N0} removed, {packages.Upgraded.Count:N0} with another version"));
            document.Line();
            if (baseline.Findings is { } changed && changed.New.Count + changed.Resolved.Count > 0)
            {
                var table = document.AddTable("| Change | Severity | Rule | Origin | Location | Title |\n|---|---|---|---|---|---|\n", "finding changes");
                foreach (var finding in changed.New)
                {
                    table.Add($"| new | {SeverityCell(finding)} | {RuleLink(finding.RuleId)} | {OriginCell(finding)} | {Location(finding)} | {MarkdownText.Escape(finding.Title)} |", Rank.NewFinding(finding));
                }

                foreach (var finding in changed.Resolved)
                {
                    table.Add($"| resolved | {SeverityCell(finding)} | {RuleLink(finding.RuleId)} | {OriginCell(finding)} | {Location(finding)} | {MarkdownText.Escape(finding.Title)} |", Rank.ResolvedFinding);
                }
            }

            if (packages.Count > 0)
            {
                document.Line(Invariant($"<details>\n<summary>Package changes ({packages.Count:N0})</summary>\n"));
                var table = document.AddTable("| Change | Ecosystem | Package | Version |\n|---|---|---|---|\n", "package changes");
                foreach (var package in packages.Added)
                {
                    table.Add($"| added | {MarkdownText.Escape(package.Type)} | {MarkdownText.Escape(package.Name)} | {MarkdownText.Escape(package.Version)} |", Rank.PackageChange);
                }

                foreach (var package in packages.Removed)
                {
                    table.Add($"| removed | {MarkdownText.Escape(package.Type)} | {MarkdownText.Escape(package.Name)} | {MarkdownText.Escape(package.Version)} |", Rank.PackageChange);
                }

                foreach (var package in packages.Upgraded)
                {
                    table.Add($"| other version | {MarkdownText.Escape(package.Type)} | {MarkdownText.Escape(package.Name)} | {MarkdownText.Escape(package.From)} → {MarkdownText.Escape(package.To)} |", Rank.PackageChange);
                }

                document.Line("</details>");
                document.Line();
            }
        }

        private void Findings(ImageResult image)
        {
            var all = image.Hardening.Findings;
            var shown = all.Where(f => f.Severity >= options.MinimumSeverity).OrderBy(f => f.Waived).ToList();
            document.Line("#### Findings");
            document.Line();
            var hidden = all.Count - shown.Count;
            if (hidden > 0)
            {
                document.Line(Invariant($"{hidden:N0} {(hidden == 1 ? "finding" : "findings")} below {Name(options.MinimumSeverity)} not listed."));
                document.Line();
            }

            if (shown.Count == 0)
            {
                document.Line(all.Count == 0 ? "No findings." : "No findings to list.");
                document.Line();
                return;
            }

            var collapse = shown.Count > options.CollapseFindingsAbove;
            if (collapse)
            {
                document.Line(Invariant($"<details>\n<summary>{shown.Count:N0} findings</summary>\n"));
            }

            var table = document.AddTable("| Severity | Rule | Origin | Location | Title |\n|---|---|---|---|---|\n", $"findings of {MarkdownText.Escape(image.Reference)}");
            foreach (var finding in shown)
            {
                var title = MarkdownText.Escape(finding.Title);
                if (finding.Waiver is { } waiver)
                {
                    title += $" (waived: {MarkdownText.Escape(waiver.Reason)}{(waiver.Expires is { } expires ? Invariant($", until {expires:yyyy-MM-dd}") : string.Empty)})";
                }

                table.Add($"| {SeverityCell(finding)} | {RuleLink(finding.RuleId)} | {OriginCell(finding)} | {Location(finding)} | {title} |", Rank.Finding(finding));
            }

            if (collapse)
            {
                document.Line("</details>");
                document.Line();
            }
        }

        private void Sbom(ImageResult image)
        {
            document.Line("#### SBOM");
            document.Line();
            var packages = image.Ecosystems.Sum(e => e.Packages);
            var sbom = image.Sbom is { } written
                ? Invariant($"; CycloneDX SBOM {MarkdownText.Escape(written.Path)} ({written.ComponentCount:N0} components)")
                : string.Empty;
            document.Line(Invariant($"{packages:N0} packages in {image.Ecosystems.Count} {(image.Ecosystems.Count == 1 ? "ecosystem" : "ecosystems")}{sbom}."));
            document.Line();
            if (image.Ecosystems.Count == 0)
            {
                return;
            }

            var table = document.AddTable("| Ecosystem | Packages | In application layers | Without license |\n|---|--:|--:|--:|\n", "ecosystems");
            foreach (var ecosystem in image.Ecosystems)
            {
                var application = ecosystem.InApplicationLayers is { } count ? Invariant($"{count:N0}") : "–";
                table.Add(Invariant($"| {MarkdownText.Escape(ecosystem.Type)} | {ecosystem.Packages:N0} | {application} | {ecosystem.WithoutLicense:N0} |"), Rank.Summary);
            }
        }

        private void LockIn(LockInResult lockIn)
        {
            document.Line(Invariant($"#### Lock-in: {Name(lockIn.Level)} ({MarkdownText.Number(lockIn.Score)}/100)"));
            document.Line();
            document.Line(Invariant(
                $"Vendor **{MarkdownText.Escape(lockIn.Vendor)}** · distribution {MarkdownText.Escape(lockIn.Distro)} · family {Kebab(lockIn.Family)} · libc {Kebab(lockIn.Libc)} · package database {Kebab(lockIn.PackageFormat)} · default user {MarkdownText.Escape(lockIn.DefaultUser)} · identified with confidence {lockIn.Confidence:0.##}"));
            document.Line();
            if (lockIn.Criteria.Count > 0)
            {
                var table = document.AddTable("| Criterion | Score | Status | Evidence |\n|---|--:|---|---|\n", "lock-in criteria");
                foreach (var criterion in lockIn.Criteria)
                {
                    table.Add(
                        Invariant($"| {CriterionLink(criterion)} | {criterion.Score:0.00} | {StatusCell(criterion.Status)} | {MarkdownText.Escape(criterion.Evidence, 500)} |"),
                        Rank.Summary);
                }
            }

            var exit = lockIn.ExitPath;
            var missing = exit.PackagesWithoutCounterpart;
            var counterparts = !exit.CounterpartDataShipped
                ? "Rampart ships no package names for that base, so packages without a counterpart there are not known."
                : missing.Count == 0
                    ? "Every installed OS package has a counterpart there."
                    : Invariant($"{missing.Count:N0} installed OS {(missing.Count == 1 ? "package has" : "packages have")} no counterpart there: {string.Join(", ", missing.Take(ListedExitPackages).Select(p => MarkdownText.Escape(p)))}{(missing.Count > ListedExitPackages ? Invariant($" and {missing.Count - ListedExitPackages:N0} more") : string.Empty)}.");
            document.Line($"**Exit path:** {MarkdownText.Escape(exit.Base)}. {MarkdownText.Escape(exit.Reason, 500)} {counterparts}");
            document.Line();
        }

        private static string Location(ReportedFinding finding)
        {
            if (finding.Dockerfile is { } line)
            {
                return Invariant($"{MarkdownText.Escape(line.Path)}:{line.Line}");
            }

            if (finding.Locations.Count == 0)
            {
                return "–";
            }

            var first = finding.Locations[0];

            var text = MarkdownText.Escape(first.Path ?? "–");
            if (first.Layer is { } layer)
            {
                text += Invariant($" (layer {layer})");
            }

            return finding.Locations.Count > 1 ? Invariant($"{text} +{finding.Locations.Count - 1:N0} more") : text;
        }

        private string RuleLink(string ruleId)
        {
            if (options.RulesDocumentUrl is not { } document)
            {
                return MarkdownText.Escape(ruleId);
            }

            var heading = _ruleTitles.TryGetValue(ruleId, out var title) ? $"{ruleId}: {title}" : ruleId;
            return MarkdownText.Link(ruleId, $"{document.AbsoluteUri}#{MarkdownText.Anchor(heading)}");
        }

        private string CriterionLink(CriterionResult criterion)
        {
            var id = options.RulesDocumentUrl is { } document
                ? MarkdownText.Link(criterion.Id, $"{document.AbsoluteUri}#{MarkdownText.Anchor($"{criterion.Id}: {criterion.Title}")}")
                : MarkdownText.Escape(criterion.Id);
            return $"{id} {MarkdownText.Escape(criterion.Title)}";
        }

        /// <summary>"base", "application", or a dash for a finding tied to neither.</summary>
        private static string OriginCell(ReportedFinding finding) => finding.Origin == FindingOrigin.Unknown ? "–" : Kebab(finding.Origin);

        private static string SeverityCell(ReportedFinding finding)
        {
            var icon = finding.Severity switch
            {
                Severity.Critical => "🔴",
                Severity.High => "🟠",
                Severity.Medium => "🟡",
                Severity.Low => "🔵",
                _ => "⚪",
            };
            return finding.Waived ? $"{Name(finding.Severity)}, waived" : $"{icon} {Name(finding.Severity)}";
        }

        private static string StatusCell(CriterionStatus status) => status switch
        {
            CriterionStatus.Pass => "✅ pass",
            CriterionStatus.Warn => "⚠️ warn",
            _ => "❌ fail",
        };

        private static string Signed(double delta) => delta switch
        {
            > 0 => "+" + MarkdownText.Number(delta),
            < 0 => "−" + MarkdownText.Number(-delta),
            _ => "±0",
        };

        private static string Name<T>(T value)
            where T : struct, Enum => value.ToString().ToLowerInvariant();

        /// <summary>An enum as the results file spells it: <c>UbuntuChiseled</c> as <c>ubuntu-chiseled</c>.</summary>
        private static string Kebab<T>(T value)
            where T : struct, Enum => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

        private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>How long table rows survive cutting: higher is kept longer.</summary>
    private static class Rank
    {
        public const int Summary = 90;
        public const int PackageChange = 12;
        public const int ResolvedFinding = 15;

        public static int Finding(ReportedFinding finding) => finding.Waived ? 10 : 20 + (10 * (int)finding.Severity);

        public static int NewFinding(ReportedFinding finding) => Finding(finding) + 5;

        public const int Fleet = 95;
    }
}
