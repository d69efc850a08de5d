namespace Rampart.Core.Files;

/// <summary>What a path in an image is, as its tar header says.</summary>
public enum FileKind
{
    Regular,
    Directory,
    Symlink,
    HardLink,
    CharacterDevice,
    BlockDevice,
    Fifo,
}
