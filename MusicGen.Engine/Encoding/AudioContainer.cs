namespace MusicGen.Engine.Encoding;

public enum AudioContainer
{
    Mp3,
    Pcm,
    Wav,
}
