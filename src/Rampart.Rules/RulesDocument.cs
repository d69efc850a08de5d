using System.Globalization;
using System.Text;
using Rampart.Core.Findings;
using Rampart.Core.LockIn;
using Rampart.Rules.LockIn;

namespace Rampart.Rules;

/// <summary>
/// Renders RULES.md from the catalogs: one document with a hardening section (each rule's id, title, severity,
/// references, rationale and remediation, plus how findings are placed and scored) and a lock-in section (each
/// criterion's id, title, rationale and references). A test keeps the committed file equal to this output.
/// </summary>
public static class RulesDocument
{
    public static string Render(IEnumerable<RuleDescriptor> hardening, IEnumerable<CriterionDescriptor> lockIn)
    {
        ArgumentNullException.ThrowIfNull(hardening);
        ArgumentNullException.ThrowIfNull(lockIn);
        var rules = hardening.OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
        var criteria = lockIn.OrderBy(c => c.Id, StringComparer.Ordinal).ToList();
        var text = new StringBuilder();

        text.AppendLine("# Rampart rules")
            .AppendLine()
            .AppendLine("<!-- Generated from the rule catalogs by Rampart.Rules.RulesDocument. Do not edit by hand: change the rule")
            .AppendLine("     classes, then run the Rules tests with UPDATE_GOLDEN=1 to rewrite this file. -->")
            .AppendLine()
            .AppendLine("Every hardening rule and vendor lock-in criterion Rampart evaluates. `rampart rules` prints the same catalog.")
            .AppendLine()
            .AppendLine("## Hardening rules")
            .AppendLine()
            .AppendLine("| Id | Title | Default severity | References |")
            .AppendLine("|---|---|---|---|");
        foreach (var rule in rules)
        {
            text.Append(CultureInfo.InvariantCulture, $"| [{rule.Id}](#{Anchor($"{rule.Id}: {rule.Title}")}) | {Cell(rule.Title)} | {Name(rule.DefaultSeverity)} | {string.Join(", ", rule.References)} |").AppendLine();
        }

        text.AppendLine()
            .AppendLine(HowFindingsAreReported.TrimEnd())
            .AppendLine()
            .AppendLine("### Score and grade")
            .AppendLine()
            .AppendLine("Each rule with at least one unwaived finding costs points once, by the worst severity among its findings:")
            .AppendLine()
            .AppendLine("| Severity | Cost |")
            .AppendLine("|---|---|");
        foreach (var severity in Enum.GetValues<Severity>().Reverse())
        {
            text.Append(CultureInfo.InvariantCulture, $"| {Name(severity)} | {HardeningScore.CostOf(severity)} |").AppendLine();
        }

        text.AppendLine()
            .AppendLine("The score is 100 minus the costs, never below 0. Counting a rule once keeps a hundred world-writable files from")
            .AppendLine("weighing more than one leaked key. A waived finding (the policy step attaches only waivers in force) costs nothing.")
            .AppendLine()
            .AppendLine("| Grade | Score |")
            .AppendLine("|---|---|");
        var lower = 100;
        foreach (var (grade, from) in GradeBands())
        {
            text.Append(CultureInfo.InvariantCulture, $"| {grade} | {from}–{lower} |").AppendLine();
            lower = from - 1;
        }

        text.AppendLine()
            .AppendLine("### Policy defaults")
            .AppendLine()
            .AppendLine("setuid and setgid paths allowed by default (RMP-H002); the policy's setuid allow-list replaces them:")
            .AppendLine();
        foreach (var path in HardeningPolicy.DefaultSetuidAllowList)
        {
            text.Append(CultureInfo.InvariantCulture, $"- `{path}`").AppendLine();
        }

        text.AppendLine()
            .Append("Names accepted although they look secret (RMP-H004, RMP-H009, RMP-H010, RMP-H011): ")
            .AppendJoin(", ", HardeningPolicy.Default.AcceptedSecretNames.Select(n => $"`{n}`"))
            .AppendLine(".")
            .AppendLine();

        foreach (var rule in rules)
        {
            text.Append(CultureInfo.InvariantCulture, $"### {rule.Id}: {rule.Title}").AppendLine()
                .AppendLine()
                .Append(CultureInfo.InvariantCulture, $"Default severity: **{Name(rule.DefaultSeverity)}**. References: {string.Join(", ", rule.References)}.").AppendLine()
                .AppendLine()
                .AppendLine(rule.Rationale)
                .AppendLine()
                .Append(CultureInfo.InvariantCulture, $"Remediation: {rule.Remediation}").AppendLine()
                .AppendLine();
        }

        text.AppendLine("## Lock-in criteria").AppendLine();
        if (criteria.Count == 0)
        {
            text.AppendLine("No lock-in criteria are registered.").AppendLine();
        }
        else
        {
            ScoreAndLevel(text);
        }

        foreach (var criterion in criteria)
        {
            text.Append(CultureInfo.InvariantCulture, $"### {criterion.Id}: {criterion.Title}").AppendLine()
                .AppendLine()
                .AppendLine(criterion.Rationale)
                .AppendLine()
                .Append(CultureInfo.InvariantCulture, $"References: {string.Join(", ", criterion.References)}.").AppendLine()
                .AppendLine();
        }

        return text.ToString().TrimEnd() + "\n";
    }

    private static void ScoreAndLevel(StringBuilder text)
    {
        var (moderate, high) = (Number(LockInAssessment.ModerateFrom), Number(LockInAssessment.HighFrom));
        text.AppendLine("### Score and level")
            .AppendLine()
            .Append(CultureInfo.InvariantCulture, $"Each criterion scores 0 to 1, 1 the most locked in: pass below {Number(CriterionResult.WarnFrom)}, warn below {Number(CriterionResult.FailFrom)}, fail from there.").AppendLine()
            .AppendLine("The image's score is 100 × Σ wᵢ·sᵢ / Σ wᵢ over the criteria, with the weights `rampart rules` lists (the policy's")
            .AppendLine("`lockIn.weights` changes them). The level reads the score:")
            .AppendLine()
            .AppendLine("| Level | Score | What leaving takes |")
            .AppendLine("|---|---|---|")
            .Append(CultureInfo.InvariantCulture, $"| low | below {moderate} | a new base: the packages are a community or OS vendor's distribution with public repositories, or a product line's cut of one |").AppendLine()
            .Append(CultureInfo.InvariantCulture, $"| moderate | {moderate} to below {high} | counterparts for vendor-built or vendor-rebuilt packages, though they come from public sources |").AppendLine()
            .Append(CultureInfo.InvariantCulture, $"| high | from {high} | re-platforming: a distribution scanners do not know, authenticated or vendor-only repositories and inventories, or a vendor going away |").AppendLine()
            .AppendLine()
            .AppendLine("The thresholds were set on the images below: one test fixture per image family")
            .AppendLine("(`tests/Rampart.Rules.Tests/LockIn/Support/Families.cs`) and the shipped sample, each given the level a reviewer")
            .AppendLine("would give it. Each threshold lies in the middle of the gap between the highest score of one level and the lowest of")
            .Append(CultureInfo.InvariantCulture, $"the next, so every image is at least {Number(LockInCalibration.Margin)} points from a threshold. The criteria are the offline ones: registry")
            .AppendLine()
            .AppendLine("logins and vendor events (a catalog moved, a vendor winding down) are not scored, which keeps Iron Bank and Bitnami")
            .AppendLine("low. Tests recompute every score and fail when one moves, so a change to a criterion or a weight reopens this table.")
            .AppendLine()
            .AppendLine("| Fixture | Image | Score | Level | Why |")
            .AppendLine("|---|---|--:|---|---|");
        foreach (var image in LockInCalibration.Images)
        {
            text.Append(CultureInfo.InvariantCulture, $"| `{image.Fixture}` | {Cell(image.Image)} | {Number(image.Score)} | {image.Level.ToString().ToLowerInvariant()} | {Cell(image.Why)} |").AppendLine();
        }

        text.AppendLine();
    }

    private static string Number(double value) => value.ToString("0.0##", CultureInfo.InvariantCulture);

    private const string HowFindingsAreReported = """
        ### How findings are reported

        Every finding names its rule, severity, references, evidence and remediation, and at least one location:

        - a file in the image: its absolute path and the layer that wrote it (base layer 0);
        - a part of the image config: `config.User`, `config.Env`, `config.Labels`, `config.Healthcheck`,
          `config.ExposedPorts`, or `reference` for the name the image was scanned by;
        - a build step: `history[N]`, the index of the history entry, with the layer it wrote when it wrote one;
        - a Dockerfile line, when a Dockerfile is given and the finding maps to one (history entries are matched to the
          instructions of the final stage and the stages it is built on, newest first: same keyword, and for `RUN` the
          same command).

        Each finding's origin (`origin` in the results file, a column in the reports) says whether it comes from the
        **base image** or the **application layers**, and the evidence says it in words. A finding on files takes the
        origin of the layers that wrote them (application when any of them is the application's); a finding on a config
        value or a build step takes the origin of the history entry that set the value or ran the step; a FROM that
        floats on `latest` is the application's; anything else (a missing HEALTHCHECK, the scanned reference, a value no
        recorded step set) is `unknown`. The split is found in this order:

        1. With a Dockerfile: the oldest history entry matched to the final stage starts the application.
        2. Otherwise the base image's last `CMD` entry, the metadata entry that official base images end with, placed before
           the application's layers, ends the base (Trivy's heuristic).
        3. Otherwise only the oldest layer-making entry, the base root file system, is the base (docker-bench's heuristic,
           and right for images whose base was made by `docker import`).
        4. An image without history counts as application throughout.

        Rules over files judge the squashed file system, except the secret rules (RMP-H011, RMP-H012, RMP-H013), which
        read every layer: a file deleted by a later layer is still in the image. Secret values never appear in a finding:
        evidence keeps at most the first four characters of a value of twelve or more (`AKIA****`), else only `****`.
        """;

    private static IEnumerable<(char Grade, int From)> GradeBands()
    {
        for (var score = 100; score >= 0; score--)
        {
            if (score == 0 || HardeningScore.GradeOf(score - 1) != HardeningScore.GradeOf(score))
            {
                yield return (HardeningScore.GradeOf(score), score);
            }
        }
    }

    private static string Name(Severity severity) => severity.ToString().ToLowerInvariant();

    /// <summary>The fragment GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens.</summary>
    private static string Anchor(string heading) =>
        string.Concat(heading.ToLowerInvariant().Where(c => char.IsAsciiLetterOrDigit(c) || c is ' ' or '-' or '_').Select(c => c == ' ' ? '-' : c));

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
