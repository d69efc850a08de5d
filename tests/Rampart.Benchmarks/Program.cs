using BenchmarkDotNet.Running;

namespace Rampart.Benchmarks;

/// <summary>Entry point: BenchmarkDotNet's switcher (<c>--filter</c>, <c>--job short</c>, <c>--list flat</c>, ...).</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
