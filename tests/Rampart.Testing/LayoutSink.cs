using System.Formats.Tar;

namespace Rampart.Testing;

/// <summary>Where an image layout is written: a directory or a tar, through the same calls.</summary>
internal abstract class LayoutSink : IDisposable
{
    public abstract void File(string name, byte[] content);

    public abstract void Directory(string name);

    public abstract void Symlink(string name, string target);

    public virtual void Dispose() => GC.SuppressFinalize(this);

    public static LayoutSink ToDirectory(string root, Func<string, bool>? include) => new DirectorySink(root, include ?? (_ => true));

    public static LayoutSink ToTar(Stream output, Func<string, bool>? include) => new TarSink(output, include ?? (_ => true));

    private sealed class DirectorySink(string root, Func<string, bool> include) : LayoutSink
    {
        public override void File(string name, byte[] content)
        {
            if (include(name))
            {
                var path = Path.Combine(root, name);
                System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                System.IO.File.WriteAllBytes(path, content);
            }
        }

        public override void Directory(string name) => System.IO.Directory.CreateDirectory(Path.Combine(root, name));

        public override void Symlink(string name, string target)
        {
            if (include(name))
            {
                System.IO.File.CreateSymbolicLink(Path.Combine(root, name), target);
            }
        }
    }

    private sealed class TarSink(Stream output, Func<string, bool> include) : LayoutSink
    {
        private readonly TarWriter _writer = new(output, TarEntryFormat.Pax, leaveOpen: true);

        public override void File(string name, byte[] content)
        {
            if (include(name))
            {
                _writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content, writable: false) });
            }
        }

        public override void Directory(string name) => _writer.WriteEntry(new PaxTarEntry(TarEntryType.Directory, name.TrimEnd('/') + "/"));

        public override void Symlink(string name, string target)
        {
            if (include(name))
            {
                _writer.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, name) { LinkName = target });
            }
        }

        public override void Dispose()
        {
            _writer.Dispose();
            base.Dispose();
        }
    }
}
