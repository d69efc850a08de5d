using System.Text.RegularExpressions;
using Rampart.Core.Findings;

namespace Rampart.Rules.Hardening.Support;

/// <summary>A kind of credential recognised by its content. The regex names the secret part <c>secret</c>.</summary>
internal sealed record SecretPattern(string Description, Severity Severity, IReadOnlyList<string> Keywords, Regex Regex);

/// <summary>One credential found in a text.</summary>
/// <param name="Pattern">What it is.</param>
/// <param name="Secret">The secret value itself: for redaction only, never for output.</param>
/// <param name="Line">1-based line of the text it starts on.</param>
internal sealed record SecretMatch(SecretPattern Pattern, string Secret, int Line);

/// <summary>
/// Credentials recognised by content, with the formats the issuers document (AWS, Google, Azure, GitHub, GitLab,
/// Slack, npm, PyPI, Docker Hub, Stripe) and generic private keys and URL credentials. Each pattern has keywords
/// checked before its regex runs, so most text costs a few substring searches.
/// </summary>
internal static partial class SecretPatterns
{
    public static IReadOnlyList<SecretPattern> All { get; } =
    [
        new("private key", Severity.High, ["PRIVATE KEY"], PrivateKey()),
        new("AWS access key id", Severity.Critical, ["AKIA", "ASIA", "AGPA", "AIDA", "AROA", "AIPA", "ANPA", "ANVA", "ABIA", "ACCA", "A3T"], AwsAccessKeyId()),
        new("AWS secret access key", Severity.Critical, ["aws"], AwsSecretAccessKey()),
        new("Google Cloud service account key", Severity.Critical, ["private_key_id"], GcpServiceAccount()),
        new("Google API key", Severity.High, ["AIza"], GcpApiKey()),
        new("Azure storage account key", Severity.Critical, ["AccountKey"], AzureStorageKey()),
        new("Azure shared access signature", Severity.High, ["sig="], AzureSas()),
        new("Microsoft Entra client secret", Severity.Critical, ["8Q~"], AzureClientSecret()),
        new("GitHub token", Severity.Critical, ["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"], GitHubToken()),
        new("GitLab token", Severity.Critical, ["glpat-", "gldt-", "glrt-", "glptt-"], GitLabToken()),
        new("Slack token", Severity.High, ["xox"], SlackToken()),
        new("Slack incoming webhook", Severity.Medium, ["hooks.slack.com"], SlackWebhook()),
        new("npm access token", Severity.High, ["npm_"], NpmToken()),
        new("PyPI upload token", Severity.High, ["pypi-"], PyPiToken()),
        new("Docker Hub access token", Severity.High, ["dckr_pat_"], DockerHubToken()),
        new("Stripe secret key", Severity.Critical, ["sk_live_", "rk_live_"], StripeKey()),
        new("password in a URL", Severity.High, ["://"], UrlCredentials()),
    ];

    /// <summary>
    /// Every credential in <paramref name="text"/>. Values containing <c>EXAMPLE</c> are skipped: vendors document
    /// such keys (<c>AKIAIOSFODNN7EXAMPLE</c>) and packages ship them in samples.
    /// </summary>
    public static IEnumerable<SecretMatch> Scan(string text)
    {
        foreach (var pattern in All)
        {
            if (!pattern.Keywords.Any(k => text.Contains(k, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            foreach (Match match in pattern.Regex.Matches(text))
            {
                var secret = match.Groups["secret"].Value;
                if (secret.Contains("EXAMPLE", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                yield return new SecretMatch(pattern, secret, LineOf(text, match.Index));
            }
        }
    }

    private static int LineOf(string text, int index) => text.AsSpan(0, index).Count('\n') + 1;

    [GeneratedRegex(@"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----(?<secret>[A-Za-z0-9+/=\s\\:,.-]{32,}?)-----END")]
    private static partial Regex PrivateKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9])(?<secret>(?:A3T[A-Z0-9]|AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ABIA|ACCA)[A-Z0-9]{16})(?![A-Za-z0-9])")]
    private static partial Regex AwsAccessKeyId();

    [GeneratedRegex(@"(?i)aws_?(?:secret_?)?(?:access_?)?key[""']?\s*(?::|=>|=)\s*[""']?(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])")]
    private static partial Regex AwsSecretAccessKey();

    [GeneratedRegex(@"""private_key_id""\s*:\s*""(?<secret>[0-9a-f]{40})""")]
    private static partial Regex GcpServiceAccount();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>AIza[0-9A-Za-z_-]{35})(?![A-Za-z0-9_-])")]
    private static partial Regex GcpApiKey();

    [GeneratedRegex(@"AccountKey\s*=\s*(?<secret>[A-Za-z0-9+/]{86}==)")]
    private static partial Regex AzureStorageKey();

    [GeneratedRegex(@"sv=\d{4}-\d{2}-\d{2}[^\s'""]*?[&;]sig=(?<secret>[A-Za-z0-9%+/=]{40,})")]
    private static partial Regex AzureSas();

    [GeneratedRegex(@"(?<![A-Za-z0-9_~.-])(?<secret>[A-Za-z0-9_~.-]{3}8Q~[A-Za-z0-9_~.-]{34})(?![A-Za-z0-9_~.-])")]
    private static partial Regex AzureClientSecret();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})(?![A-Za-z0-9])")]
    private static partial Regex GitHubToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>gl(?:pat|dt|rt|ptt)-[A-Za-z0-9_-]{20,})")]
    private static partial Regex GitLabToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>xox[abposr]-[A-Za-z0-9-]{10,})")]
    private static partial Regex SlackToken();

    [GeneratedRegex(@"https://hooks\.slack\.com/services/(?<secret>T[A-Za-z0-9_]+/B[A-Za-z0-9_]+/[A-Za-z0-9_]{20,})")]
    private static partial Regex SlackWebhook();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>npm_[A-Za-z0-9]{36})(?![A-Za-z0-9])")]
    private static partial Regex NpmToken();

    [GeneratedRegex(@"(?<secret>pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,})")]
    private static partial Regex PyPiToken();

    [GeneratedRegex(@"(?<secret>dckr_pat_[A-Za-z0-9_-]{27,})")]
    private static partial Regex DockerHubToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>[rs]k_live_[A-Za-z0-9]{16,99})")]
    private static partial Regex StripeKey();

    [GeneratedRegex(@"[a-z][a-z0-9+.-]*://[^/\s:@'""$]+:(?<secret>[^/\s@'""${}<>]{3,})@[A-Za-z0-9]", RegexOptions.IgnoreCase)]
    private static partial Regex UrlCredentials();
}
