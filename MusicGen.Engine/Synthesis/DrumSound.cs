namespace MusicGen.Engine.Synthesis;

public enum DrumSound
{
    Kick,
    Snare,
    Clap,
    SideStick,
    ClosedHat,
    PedalHat,
    OpenHat,
    Crash,
    Ride,
    Tom,
    Shaker,

    /// <summary>A brush tapped on the snare: a soft, short splash of noise with little drum body.</summary>
    BrushTap,

    /// <summary>A brush swept in a circle over the snare head: a swelling and fading "shh" of about half a second.</summary>
    BrushSwirl,
}
