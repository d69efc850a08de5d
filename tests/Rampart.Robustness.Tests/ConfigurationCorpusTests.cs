using System.Text;
using Rampart.Robustness.Tests.Support;
using Rampart.Testing;

namespace Rampart.Robustness.Tests;

/// <summary>
/// Hostile and malformed policy files and settings: each is a usage error (exit code 2) naming the file or the key, within
/// the time and allocation guards; none hangs, overflows the stack or is silently ignored.
/// </summary>
public sealed class ConfigurationCorpusTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public static TheoryData<string> Names { get; } = new(Corpus().Select(c => c.Name));

    public void Dispose() => _temp.Dispose();

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Scan_HostilePolicyFile_IsAUsageErrorNamingIt(string name)
    {
        var (_, file, content, says) = Corpus().Single(c => c.Name == name);
        var policy = _temp.Combine(file);
        await File.WriteAllTextAsync(policy, content());

        var run = await Bounded.RunAsync(name, token => RampartCli.RunAsync(new System.Collections.Hashtable(), token, "scan", "dir:" + _temp.Path, "--config", policy, "--quiet"));

        Assert.True(run.ExitCode == 2, $"{name}: exit {run.ExitCode}\n{run.All[..Math.Min(2000, run.All.Length)]}");
        Assert.Contains(says ?? policy, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("RAMPART_FAIL_ON", "catastrophic", "catastrophic")]
    [InlineData("RAMPART_LIMITS__MAX_ENTRIES", "-1", "limits:maxEntries")]
    [InlineData("RAMPART_NO_SUCH_SETTING", "1", "RAMPART_NO_SUCH_SETTING")]
    [InlineData("RAMPART_LIMITS__MAX_PATH_LENGTH", "99999999999999999999", "limits:maxPathLength")]
    public async Task Scan_BadSettingInEnvironment_IsAUsageErrorNamingIt(string variable, string value, string says)
    {
        var run = await RampartCli.RunAsync(new System.Collections.Hashtable { [variable] = value }, CancellationToken.None, "scan", "dir:" + _temp.Path, "--quiet");

        Assert.True(run.ExitCode == 2, run.All);
        Assert.Contains(says, run.Error, StringComparison.OrdinalIgnoreCase);
    }

    private static IEnumerable<(string Name, string File, Func<string> Content, string? Says)> Corpus()
    {
        yield return ("yaml-billion-laughs", "laughs.yml", BillionLaughs, null);
        yield return ("yaml-alias-bomb-in-a-list", "bomb.yml", () => "a: &a [x, x, x, x, x, x, x, x, x, x]\n" +
            string.Concat(Enumerable.Range(1, 9).Select(i => $"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat(i == 1 ? "*a" : $"*a{i - 1}", 10))}]\n")) +
            "allowList:\n  setuid: *a9\n", null);
        yield return ("yaml-deep-flow-nesting", "deep.yml", () => "failOn: " + new string('[', 100_000) + new string(']', 100_000) + "\n", "nests deeper");
        yield return ("yaml-deep-block-nesting", "deepmap.yml", () => string.Concat(Enumerable.Range(0, 3000).Select(i => new string(' ', i) + $"k{i}:\n")) + new string(' ', 3000) + "v\n", null);
        yield return ("yaml-syntax-error", "broken.yml", () => "failOn: [high\nrules: {\n  - : :\n", null);
        yield return ("yaml-tabs-for-indentation", "tabs.yml", () => "limits:\n\tmaxEntries: 5\n", null);
        yield return ("yaml-binary-garbage", "garbage.yml", () => Encoding.Latin1.GetString(HostileImages.RandomBytes(4096)), null);
        yield return ("yaml-unknown-key", "unknown.yml", () => "failOn: high\nfailon_typo: low\n", "failon_typo");
        yield return ("yaml-wrong-type-list-for-scalar", "types.yml", () => "failOn: [high, low]\n", "failOn");
        yield return ("yaml-wrong-type-map-for-list", "types2.yml", () => "rules:\n  disabled:\n    RMP-H001: yes\n", "rules:disabled");
        yield return ("yaml-number-for-severity", "types3.yml", () => "minSeverity: 3\n", "minSeverity");
        yield return ("yaml-waiver-without-reason", "waiver.yml", () => "waivers:\n  - rule: RMP-H001\n", "reason");
        yield return ("yaml-waiver-bad-date", "waiver2.yml", () => "waivers:\n  - rule: RMP-H001\n    reason: r\n    expires: next tuesday\n", "next tuesday");
        yield return ("yaml-negative-weight", "weights.yml", () => "lockIn:\n  weights:\n    LI-001: -3\n", "LI-001");
        yield return ("yaml-python-tag", "tag.yml", () => "failOn: !!python/object/apply:os.system ['id']\n", null);
        yield return ("json-deep-nesting", "deep.json", () => "{\"failOn\":" + new string('[', 10_000) + new string(']', 10_000) + "}", null);
        yield return ("json-not-an-object", "array.json", () => "[1, 2, 3]", null);
        yield return ("json-truncated", "cut.json", () => "{\"failOn\": \"hi", null);
        yield return ("json-wrong-type", "types.json", () => "{\"limits\": {\"maxEntries\": {\"a\": 1}}}", "limits:maxEntries");
        yield return ("policy-file-with-unknown-extension", "policy.toml", () => "failOn = 'high'", "policy.toml");
    }

    /// <summary>Ten levels of ten aliases each: 10^10 scalars once expanded, 3 KB on disk.</summary>
    private static string BillionLaughs()
    {
        var text = new StringBuilder("lol0: &lol0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i <= 9; i++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"lol{i}: &lol{i} [{string.Join(", ", Enumerable.Repeat($"*lol{i - 1}", 10))}]\n");
        }

        return text.Append("failOn: *lol9\n").ToString();
    }
}
