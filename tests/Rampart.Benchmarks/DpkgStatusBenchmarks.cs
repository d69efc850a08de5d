using BenchmarkDotNet.Attributes;
using Rampart.Catalogers.Dpkg;

namespace Rampart.Benchmarks;

/// <summary><see cref="DpkgStatusParser.Parse"/> on the uppermost <c>var/lib/dpkg/status</c> of the layers.</summary>
[MemoryDiagnoser]
public class DpkgStatusBenchmarks
{
    private string _status = "";

    [GlobalSetup]
    public async Task Setup()
    {
        _status = await BenchData.DpkgStatusAsync().ConfigureAwait(false);
        Console.WriteLine($"// dpkg status: {_status.Length} characters, {DpkgStatusParser.Parse(_status, _ => { }).Count} packages (layers: {BenchData.Source})");
    }

    [Benchmark]
    public int Parse() => DpkgStatusParser.Parse(_status, _ => { }).Count;
}
