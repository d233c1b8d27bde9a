using MudBlazor;

namespace Portal.Components.Layout;

/// <summary>The portal's colours and type, shared by the interactive layout and the login pages.</summary>
public static class PortalTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f5fa8",
            Secondary = "#0f8b8d",
            AppbarBackground = "#1f5fa8",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#7fb2ec",
            Secondary = "#4fc3c5",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["system-ui", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"],
            },
        },
    };
}
