namespace Rampart.Images.Sources;

/// <summary>The kinds of image input that live on the local file system.</summary>
public enum ImageSourceKind
{
    /// <summary><c>docker-archive:</c> a <c>docker save</c> tar.</summary>
    DockerArchive,

    /// <summary><c>oci-archive:</c> a tar of an OCI image layout.</summary>
    OciArchive,

    /// <summary><c>oci-dir:</c> an OCI image layout directory.</summary>
    OciDirectory,

    /// <summary><c>dir:</c> a root filesystem.</summary>
    Directory,
}
