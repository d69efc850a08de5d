using BenchmarkDotNet.Attributes;
using Rampart.Core.Files;
using Rampart.Images.Layers;

namespace Rampart.Benchmarks;

/// <summary>
/// The layer reader over an in-memory blob of the lowest layer: decompress, walk the tar, hash both sides, and keep
/// either nothing (headers only) or what a scan selects.
/// </summary>
[MemoryDiagnoser]
public class LayerReaderBenchmarks
{
    private byte[] _blob = [];

    [Params(LayerCompression.None, LayerCompression.Gzip, LayerCompression.Zstd)]
    public LayerCompression Compression { get; set; }

    [Params(false, true)]
    public bool ScanSelection { get; set; }

    [GlobalSetup]
    public void Setup() => _blob = BenchData.Compress(BenchData.Layers[0], Compression);

    [Benchmark]
    public async Task<int> ReadLayer() =>
        (await BenchData.ReadLayerAsync(_blob, 0, ScanSelection ? BenchData.ScanSelection : FileSelection.HeadersOnly).ConfigureAwait(false)).Contents.Entries.Count;
}
