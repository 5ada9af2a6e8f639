import { render } from 'preact';
import { Popup } from '../../ui/popup/Popup';
import '../../ui/popup/popup.css';

render(<Popup />, document.getElementById('app') as HTMLElement);
