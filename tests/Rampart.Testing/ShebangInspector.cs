using Rampart.Core.Files;

namespace Rampart.Testing;

/// <summary>
/// A content inspector for tests of the readers: keeps the first line of files starting with <c>#!</c> (at most 256
/// bytes), wants no bytes once it has that line, and counts every byte it was fed.
/// </summary>
public sealed class ShebangInspector : IContentInspector
{
    private long _bytesFed;

    public string Name => "shebang";

    /// <summary>Bytes fed to all its inspections together.</summary>
    public long BytesFed => Interlocked.Read(ref _bytesFed);

    public IContentInspection? Start(ReadOnlySpan<byte> head, long size) => head.StartsWith("#!"u8) ? new Inspection(this) : null;

    private sealed class Inspection(ShebangInspector owner) : IContentInspection
    {
        private readonly List<byte> _line = [];
        private bool _done;

        public bool Feed(ReadOnlySpan<byte> chunk)
        {
            Interlocked.Add(ref owner._bytesFed, chunk.Length);
            foreach (var b in chunk)
            {
                if (b == (byte)'\n' || _line.Count == 256)
                {
                    _done = true;
                    break;
                }

                _line.Add(b);
            }

            return !_done;
        }

        public ReadOnlyMemory<byte>? Complete() => _line.ToArray();
    }
}
