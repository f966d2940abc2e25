using System.Net;
using System.Runtime.CompilerServices;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace MusicGen.Core.Storage;

/// <summary>
/// Blobs in an S3 bucket, on AWS or any S3-compatible server (path-style addressing, checksums only when
/// required and no aws-chunked uploads, which S3-compatible servers would store verbatim).
/// </summary>
public sealed class S3BlobStore(IAmazonS3 s3, string bucket) : IBlobStore
{
    public static IAmazonS3 CreateClient(StorageConnection connection)
    {
        var config = new AmazonS3Config
        {
            ForcePathStyle = connection.ForcePathStyle,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            AuthenticationRegion = connection.Region,
        };
        if (connection.Endpoint is { } endpoint)
        {
            config.ServiceURL = endpoint.ToString();
            config.UseHttp = endpoint.Scheme == "http";
        }
        else
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(connection.Region);
        }

        return connection.AccessKey is { } accessKey
            ? new AmazonS3Client(new BasicAWSCredentials(accessKey, connection.SecretKey ?? ""), config)
            : new AmazonS3Client(config);
    }

    public async Task PutAsync(string key, ReadOnlyMemory<byte> content, string contentType, IReadOnlyDictionary<string, string>? metadata, CancellationToken cancellationToken)
    {
        var request = new PutObjectRequest
        {
            BucketName = bucket,
            Key = key,
            ContentType = contentType,
            InputStream = new MemoryStream(content.ToArray(), writable: false),
            UseChunkEncoding = false,
            AutoCloseStream = true,
        };
        foreach (var (name, value) in metadata ?? new Dictionary<string, string>())
        {
            request.Metadata[name] = value;
        }

        await s3.PutObjectAsync(request, cancellationToken);
    }

    public async Task<BlobContent?> OpenReadAsync(string key, ByteRange? range, CancellationToken cancellationToken)
    {
        var request = new GetObjectRequest { BucketName = bucket, Key = key };
        if (range is { } wanted)
        {
            request.ByteRange = wanted.To is { } to ? new Amazon.S3.Model.ByteRange(wanted.From, to) : new Amazon.S3.Model.ByteRange($"bytes={wanted.From}-");
        }

        try
        {
            var response = await s3.GetObjectAsync(request, cancellationToken);
            var length = response.ContentLength;
            var (offset, total) = ParseContentRange(response.ContentRange, length);
            return new BlobContent(response.ResponseStream, response.Headers.ContentType ?? "application/octet-stream", offset, length, total);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
        {
            throw new ArgumentOutOfRangeException(nameof(range), $"The range starts past the end of blob '{key}'.");
        }
    }

    public Uri? GetPresignedUrl(string key, TimeSpan validFor, string? downloadFileName)
    {
        var request = new GetPreSignedUrlRequest
        {
            BucketName = bucket,
            Key = key,
            Verb = HttpVerb.GET,
            Expires = DateTime.UtcNow.Add(validFor),

            // The SDK presigns https URLs unless told otherwise; an http endpoint (a local S3-compatible server) would then refuse the TLS handshake.
            Protocol = s3.Config.ServiceURL is { } url && url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? Protocol.HTTP : Protocol.HTTPS,
        };
        if (downloadFileName is not null)
        {
            request.ResponseHeaderOverrides.ContentDisposition = ContentDisposition.Attachment(downloadFileName);
        }

        return new Uri(s3.GetPreSignedURL(request));
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken) =>
        await s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = bucket, Key = key }, cancellationToken);

    public async IAsyncEnumerable<BlobInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var request = new ListObjectsV2Request { BucketName = bucket, Prefix = prefix };
        ListObjectsV2Response response;
        do
        {
            response = await s3.ListObjectsV2Async(request, cancellationToken);
            foreach (var item in response.S3Objects ?? [])
            {
                yield return new BlobInfo(item.Key, item.Size ?? 0, item.LastModified ?? DateTime.UnixEpoch);
            }

            request.ContinuationToken = response.NextContinuationToken;
        }
        while (response.IsTruncated == true);
    }

    /// <summary>"bytes 0-99/1234" → (0, 1234); without a Content-Range the whole blob was sent.</summary>
    private static (long Offset, long Total) ParseContentRange(string? contentRange, long length)
    {
        if (contentRange is { } text && text.StartsWith("bytes ", StringComparison.OrdinalIgnoreCase))
        {
            var slash = text.IndexOf('/');
            var dash = text.IndexOf('-');
            if (dash > 6 && slash > dash
                && long.TryParse(text[6..dash], out var offset)
                && long.TryParse(text[(slash + 1)..], out var total))
            {
                return (offset, total);
            }
        }

        return (0, length);
    }
}
