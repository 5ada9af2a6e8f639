import { render } from 'preact';
import { Options } from '../../ui/options/Options';
import '../../ui/options/options.css';

render(<Options />, document.getElementById('app') as HTMLElement);
