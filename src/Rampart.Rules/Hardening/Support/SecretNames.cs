using System.Text.RegularExpressions;
using Rampart.Core.Files;

namespace Rampart.Rules.Hardening.Support;

/// <summary>
/// Whether a variable name says it holds a secret. Words are matched whole (split on <c>_</c>, <c>.</c> and <c>-</c>),
/// so <c>DB_PASSWORD</c> and <c>NPM_TOKEN</c> match while <c>KEYCLOAK_VERSION</c> and <c>TOKENIZER</c> do not;
/// names that also carry a word like <c>FILE</c>, <c>PATH</c> or <c>URL</c> point at a secret rather than hold it.
/// </summary>
internal static partial class SecretNames
{
    public static bool LooksSecret(string name, IReadOnlySet<string> accepted) =>
        !accepted.Contains(name) && SecretWord().IsMatch(name) && !PointerWord().IsMatch(name);

    /// <summary>
    /// Whether a value could be a secret at all: not empty, not a variable reference (<c>$TOKEN</c>), not a
    /// boolean or a number, not a placeholder (<c>&lt;your-token&gt;</c>, anything saying EXAMPLE), and not the path of a
    /// file that exists in the image.
    /// </summary>
    public static bool IsSecretValue(string value, IFileView files)
    {
        var trimmed = value.Trim().Trim('"', '\'');
        return trimmed.Length > 0
            && trimmed[0] is not '$' and not '<'
            && !trimmed.Contains("EXAMPLE", StringComparison.OrdinalIgnoreCase)
            && !NotSecretValue().IsMatch(trimmed)
            && !(trimmed[0] == '/' && files.Resolve(trimmed) is not null);
    }

    [GeneratedRegex(@"(?:^|[_.-])(?:api_?key|apikey|auth|credentials?|key|pass|passphrase|passwd|password|pword|pwd|secret|token)(?:$|[_.-])", RegexOptions.IgnoreCase)]
    private static partial Regex SecretWord();

    [GeneratedRegex(@"(?:^|[_.-])(?:public|file|path|dir|url|uri|version|sha256|checksum|enabled|length|size|type|method|mode)(?:$|[_.-])", RegexOptions.IgnoreCase)]
    private static partial Regex PointerWord();

    [GeneratedRegex(@"^(?:true|false|yes|no|on|off|none|null|[0-9]+)$", RegexOptions.IgnoreCase)]
    private static partial Regex NotSecretValue();
}
