/// The whole review screen: header, status, body, message row and footer, or the
/// too-small notice. Draws the view model and changes nothing else.
struct ReviewScreenView {
    let model: ReviewViewModel

    func render(into grid: inout ScreenGrid) {
        let theme = model.theme
        guard let layout = model.layout else {
            TooSmallView(lines: model.tooSmall, style: theme.message).render(into: &grid)
            return
        }
        HeaderView(model: model.header, theme: theme).render(into: &grid, layout.header)
        StatusView(model: model.status, theme: theme).render(into: &grid, layout.status)
        let body = Rect(row: 2, column: 0, width: model.width, height: model.height - 4)
        switch model.body {
        case .help(let help):
            HelpView(model: help, theme: theme).render(into: &grid, body)
        case .editing(let editor):
            EditorPaneView(model: editor, theme: theme).render(into: &grid, body)
        case .reading(let reading):
            ReadingView(model: reading, layout: layout, theme: theme).render(into: &grid)
        }
        if let popup = model.popup {
            PopupListView(model: popup, theme: theme).render(into: &grid, area: body)
        }
        MessageRowView(model: model.messageRow, theme: theme).render(into: &grid, layout.message)
        FooterView(model: model.footer, theme: theme).render(into: &grid, layout.footer)
    }
}
