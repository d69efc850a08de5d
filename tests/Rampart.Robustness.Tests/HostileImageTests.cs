using System.Text.Json.Nodes;
using Rampart.Robustness.Tests.Support;
using Rampart.Testing;

namespace Rampart.Robustness.Tests;

/// <summary>
/// Every hostile image of the corpus goes through a whole <c>rampart scan</c>: refused with exit code 3 and a message that
/// names the input and no stack trace, or scanned to the end with results written; within the time and allocation guards.
/// </summary>
public sealed class HostileImageTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public static TheoryData<string> Names { get; } = new(HostileImages.All.Select(c => c.Name));

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Corpus_HasAtLeastFiftyDistinctImages() =>
        Assert.True(HostileImages.All.Select(c => c.Name).Distinct().Count() >= 50, $"{HostileImages.All.Count} images");

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Scan_HostileImage_RefusesNamingTheInputOrScansToTheEnd(string name)
    {
        var image = HostileImages.Named(name);
        var input = image.Write(_temp.Path);
        var path = input[(input.IndexOf(':', StringComparison.Ordinal) + 1)..];
        var results = _temp.Combine("out", "results.json");
        var args = new List<string> { "scan", input, "--json", results, "--markdown", _temp.Combine("out", "report.md"), "--fail-on", "none", "--quiet" };
        if (image.Policy is not null)
        {
            var policy = _temp.Combine("policy.yml");
            await File.WriteAllTextAsync(policy, image.Policy);
            args.AddRange(["--config", policy]);
        }

        var run = await Bounded.RunAsync(name, token => RampartCli.RunAsync(new System.Collections.Hashtable(), token, [.. args]));

        Assert.DoesNotContain("   at ", run.All, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", run.Error, StringComparison.Ordinal);
        if (image.Outcome == Outcome.Refused)
        {
            Assert.True(run.ExitCode == 3, $"{name}: exit {run.ExitCode}\n{run.All}");
            Assert.StartsWith("rampart: ", run.Error, StringComparison.Ordinal);
            Assert.Contains(path, run.Error, StringComparison.Ordinal);
            foreach (var fragment in image.Says ?? [])
            {
                Assert.Contains(fragment, run.Error, StringComparison.Ordinal);
            }

            Assert.False(Directory.Exists(_temp.Combine("out")) && Directory.EnumerateFileSystemEntries(_temp.Combine("out")).Any(), "a refused image left output behind");
        }
        else
        {
            Assert.True(run.ExitCode == 0, $"{name}: exit {run.ExitCode}\n{run.All}");
            var json = JsonNode.Parse(await File.ReadAllTextAsync(results))!;
            Assert.Single(json["images"]!.AsArray());
            image.Check?.Invoke(json);
        }
    }
}
