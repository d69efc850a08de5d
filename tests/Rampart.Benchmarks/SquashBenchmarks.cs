using BenchmarkDotNet.Attributes;
using Rampart.Core.Files;

namespace Rampart.Benchmarks;

/// <summary><see cref="FileView.Squash"/> of every layer, read beforehand with the scan's selection.</summary>
[MemoryDiagnoser]
public class SquashBenchmarks
{
    private List<LayerContents> _layers = [];

    [GlobalSetup]
    public async Task Setup()
    {
        _layers = [];
        for (var i = 0; i < BenchData.Layers.Count; i++)
        {
            _layers.Add((await BenchData.ReadLayerAsync(BenchData.Layers[i], i, BenchData.ScanSelection).ConfigureAwait(false)).Contents);
        }
    }

    [Benchmark]
    public int Squash() => FileView.Squash(_layers).Entries.Count;
}
